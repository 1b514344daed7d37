package dev.floe.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

/** Questions to the person at the terminal, when there is one. */
public final class Terminal {
    private Terminal() {
    }

    /**
     * Asks a yes/no question when a person is at a terminal.
     *
     * @return whether the answer was yes, or {@code true} at once when nobody could answer (input
     *     piped or absent), so that scripts run unattended
     */
    public static boolean confirm(String question) {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return true;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && switch (answer.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }

    /**
     * From Java 22 on, {@link System#console()} returns a console even when input is redirected and
     * {@code Console.isTerminal()} tells the two apart; floe compiles against Java 21, which lacks it.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21 returns a console only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
