package dev.floe.pipeline.run;

/** File pipelines into a bucket that is a folder of the data directory. */
class LocalBucketPipelineTest extends FilePipelineContract {
    @Override
    String bucketBody() {
        return "{\"name\":\"lake\"}";
    }
}
