package org.casetrail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Manage pseudonymization keys.",
        subcommands = KeysCommand.Init.class)
final class KeysCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a keys command: init");
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description =
                    "Create a new 256-bit pseudonymization key in a file only you can read, and print its fingerprint.")
    static final class Init implements Callable<Integer> {

        @Option(names = "--key-file", required = true, description = "Where to write the key (never overwritten).")
        Path keyFile;

        @Override
        public Integer call() {
            PseudonymKey key = PseudonymKey.create(keyFile);
            System.out.println("created " + keyFile + " (mode 600), fingerprint " + key.fingerprint());
            System.out.println(
                    "Keep this file secret and backed up: without it, new exports cannot be linked to earlier ones.");
            return 0;
        }
    }
}
