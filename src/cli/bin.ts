/** The `splc` executable (and, in a worker thread of `splc catalog --jobs` or `splc analyze --threads 2`, that worker). */
import { runCli } from "./main.js";
import { guardStdout } from "./io.js";
import { runCatalogJob } from "./catalog-jobs.js";
import { runAnalyzeThreadJob } from "./analyze-thread.js";
import { tuneV8ForBatch } from "./v8-tuning.js";

if (!runCatalogJob() && !runAnalyzeThreadJob()) {
    tuneV8ForBatch();
    guardStdout();

    runCli(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
