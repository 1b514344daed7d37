package dev.floe.objects;

/**
 * What the runtime tells {@link DurableObject#alarm(AlarmInfo)}.
 *
 * @param retryCount 0 for the first attempt, then how many attempts failed before this one
 */
public record AlarmInfo(int retryCount) {

    public boolean isRetry() {
        return retryCount > 0;
    }
}
