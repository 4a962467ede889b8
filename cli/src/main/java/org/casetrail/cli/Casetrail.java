package org.casetrail.cli;

import java.io.PrintWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.casetrail.ingest.IngestException;
import org.casetrail.jobs.JobException;
import org.casetrail.warehouse.WarehouseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The one entry point: {@code casetrail <command>}. */
@Command(
        name = "casetrail",
        mixinStandardHelpOptions = true,
        versionProvider = Casetrail.Version.class,
        description = "Publishable outcome statistics from the case records of anti-trafficking organisations.",
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            KeysCommand.class,
            BrokerCommand.class,
            IngestCommand.class,
            MappingCommand.class,
            ReplayCommand.class,
            StreamCommand.class,
            EraseCommand.class,
            LogCommand.class,
            QueryCommand.class,
            TablesCommand.class,
            ReportCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Casetrail implements Runnable {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Log what the libraries say and print stack traces of failures.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command; see casetrail --help");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status, without exiting the JVM. */
    public static int run(String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        Configurator.setRootLevel(verbose ? Level.INFO : Level.ERROR);
        CommandLine cli = new CommandLine(new Casetrail());
        cli.setExitCodeExceptionMapper(e -> FAILED);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = userFacing(e);
            PrintWriter err = line.getErr();
            if (cause != null) {
                err.println("casetrail: " + cause.getMessage());
            } else {
                err.println("casetrail: internal error (" + e.getClass().getSimpleName()
                        + "); run again with --verbose for details");
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("casetrail: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return USAGE;
        });
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands on Errors (a broken classpath, memory); still no stack trace unless asked for.
            System.err.println("casetrail: internal error (" + e.getClass().getSimpleName()
                    + "); run again with --verbose for details");
            if (verbose) {
                e.printStackTrace();
            }
            return FAILED;
        }
    }

    /** The failure a user can act on, looking through wrappers (Flink wraps job failures twice). */
    static Throwable userFacing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CliException
                    || t instanceof IngestException
                    || t instanceof JobException
                    || t instanceof WarehouseException) {
                return t;
            }
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"casetrail " + codeVersion()};
        }
    }

    static String codeVersion() {
        String version = Casetrail.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
