/** The `splc` executable. */
import { runCli } from "./main.js";
import { guardStdout } from "./io.js";

guardStdout();

runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
});
