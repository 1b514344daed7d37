package dev.floe.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import org.junit.jupiter.api.Test;

import static dev.floe.client.internal.ScriptedTransport.json;
import static dev.floe.client.internal.ScriptedTransport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EnvelopeDecoderTest {
    private final EnvelopeDecoder decoder = new EnvelopeDecoder(new ObjectMapper());

    @Test
    void successYieldsResultAndResultInfo() {
        ApiResult result = decoder.decode(json(200, """
                {"success":true,"errors":[],"messages":[],"result":[{"id":"a"}],
                 "result_info":{"page":1,"total_count":1}}"""), "floe");

        assertThat(result.result().get(0).path("id").asText()).isEqualTo("a");
        assertThat(result.resultInfo().path("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void nullResultIsANullNode() {
        ApiResult result = decoder.decode(ok("null"), "floe");

        assertThat(result.result().isNull()).isTrue();
        assertThat(result.resultInfo().isMissingNode()).isTrue();
    }

    @Test
    void knownErrorCodeBecomesItsErrorCodeWithTheServersMessage() {
        FloeException error = catchThrowableOfType(FloeException.class, () -> decoder.decode(json(404, """
                {"success":false,"errors":[{"code":1004,"message":"stream \\"s9\\" not found"}],"messages":[],"result":null}"""),
                "floe"));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("stream \"s9\" not found");
    }

    @Test
    void unknownErrorCodeFallsBackToTheHttpStatus() {
        FloeException error = catchThrowableOfType(FloeException.class, () -> decoder.decode(json(409, """
                {"success":false,"errors":[{"code":99999,"message":"in use"},{"code":99998,"message":"really"}]}"""),
                "floe"));

        assertThat(error.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(error.getMessage()).isEqualTo("in use; really");
    }

    @Test
    void internalErrorCodeIsKeptRatherThanTakenForUnknown() {
        FloeException error = catchThrowableOfType(FloeException.class, () -> decoder.decode(json(502, """
                {"success":false,"errors":[{"code":1500,"message":"boom"}]}"""), "floe"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void unsuccessfulEnvelopeWithout2xxOrMessagesStillFails() {
        FloeException error = catchThrowableOfType(FloeException.class,
                () -> decoder.decode(json(200, "{\"success\":false,\"errors\":[]}"), "floe"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo("request failed with HTTP 200");
    }

    @Test
    void bodyThatIsNotAnEnvelopeIsReportedWithStatusAndExcerpt() {
        FloeException error = catchThrowableOfType(FloeException.class,
                () -> decoder.decode(json(502, "<html>Bad Gateway</html>"), "floe at http://h:1"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.getMessage())
                .isEqualTo("unexpected response from floe at http://h:1: HTTP 502: <html>Bad Gateway</html>");
    }

    @Test
    void emptyBodyOnAnErrorStatusMapsTheStatus() {
        assertThatThrownBy(() -> decoder.decode(json(401, ""), "floe"))
                .isInstanceOfSatisfying(FloeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessageContaining("HTTP 401 with an empty body");
    }

    @Test
    void invalidRecordsCarryEachRecordErrorAndNameThemInTheMessage() {
        InvalidRecordsException error = catchThrowableOfType(InvalidRecordsException.class, () -> decoder.decode(json(400, """
                {"success":false,
                 "errors":[{"code":1002,"message":"3 of 10 records are invalid; nothing was written"}],
                 "messages":[],
                 "result":{"record_errors":[
                   {"index":3,"field":"user.age","kind":"type_mismatch","message":"expected int32, found string \\"x\\""},
                   {"index":7,"field":"","kind":"parse_failure","message":"not a JSON object"}],
                  "total_record_errors":3}}"""), "floe"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_RECORDS);
        assertThat(error.errors()).containsExactly(
                new RecordError(3, "user.age", "type_mismatch", "expected int32, found string \"x\""),
                new RecordError(7, "", "parse_failure", "not a JSON object"));
        assertThat(error.totalErrors()).isEqualTo(3);
        assertThat(error.getMessage()).isEqualTo("""
                3 of 10 records are invalid; nothing was written
                  record 3, field user.age: type_mismatch (expected int32, found string "x")
                  record 7: parse_failure (not a JSON object)
                  ... and 1 more""");
    }
}
