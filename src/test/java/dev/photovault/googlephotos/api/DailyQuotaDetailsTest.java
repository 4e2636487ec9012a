package dev.photovault.googlephotos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A spent daily quota is known by Google's structured error details, not by the wording of its message. */
class DailyQuotaDetailsTest {

    private static JsonNode error(String json) throws Exception {
        return new ObjectMapper().readTree(json).path("error");
    }

    @Test
    void anErrorInfoWithAPerDayLimitIsADailyQuota() throws Exception {
        assertThat(PhotosHttp.isDailyQuota(error("""
                {"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED",
                   "domain":"googleapis.com","metadata":{"quota_limit":"MediaBytesRequestsPerDayPerProject",
                   "quota_metric":"photoslibrary.googleapis.com/media_bytes_requests"}}]}}"""))).isTrue();
    }

    @Test
    void aPerMinuteLimitOrAMessageThatOnlySaysPerDayIsNot() throws Exception {
        assertThat(PhotosHttp.isDailyQuota(error("""
                {"error":{"code":429,"message":"limit 'All requests per day'","status":"RESOURCE_EXHAUSTED"}}""")))
                .isFalse();
        assertThat(PhotosHttp.isDailyQuota(error("""
                {"error":{"code":429,"message":"Quota exceeded per day","status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED",
                   "metadata":{"quota_limit":"WriteRequestsPerMinutePerUser"}}]}}"""))).isFalse();
    }
}
