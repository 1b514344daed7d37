package dev.floe.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LabelledValuesTest {

    @Test
    void linesUpTheValuesAfterTheLongestLabel() {
        StringWriter text = new StringWriter();

        new LabelledValues()
                .add("ID", "abc")
                .add("Authentication", "Yes")
                .add("Modified", null)
                .print(new PrintWriter(text), 2);

        assertThat(text.toString().replace(System.lineSeparator(), "\n")).isEqualTo("""
                  ID:              abc
                  Authentication:  Yes
                  Modified:        -
                """);
    }
}
