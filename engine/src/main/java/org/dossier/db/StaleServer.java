package org.dossier.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mariadbd still running on our data directory when we are about to start one: what a JVM killed
 * with SIGKILL leaves behind. Two servers cannot share the InnoDB files (the second one retries the
 * lock for about forty seconds, then gives up), so a start first stops the one left over.
 *
 * <p>Only a process whose command line names our data directory ({@code --datadir=<ours>}) is ever
 * touched: found from the pid file the server writes in that directory, or from {@code /proc}.
 */
final class StaleServer {
    private static final Logger LOG = LoggerFactory.getLogger(StaleServer.class);
    static final String PID_FILE = "mariadbd.pid";
    private static final Duration CLEAN_STOP = Duration.ofSeconds(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private StaleServer() {}

    private static final String DATA_DIR_OPTION = "--datadir=";
    private static final Set<String> SERVER_PROGRAMS = Set.of("mariadbd", "mysqld");

    /** The {@code --datadir} argument a running server was started with, as its command line spells it. */
    static Optional<String> dataDirArgument(long pid) {
        return arguments(pid).stream().filter(argument -> argument.startsWith(DATA_DIR_OPTION)).findFirst();
    }

    /** The processes running on this data directory, by pid file first, then by command line. */
    static List<ProcessHandle> holding(Path mariadbDataDir) {
        Set<Long> pids = new LinkedHashSet<>();
        pidFile(mariadbDataDir).ifPresent(pids::add);
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).forEach(pids::add);
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux): the pid file is all there is.
        }
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        for (long pid : pids) {
            if (pid != self && namesDataDir(pid, mariadbDataDir)) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * Stops every server found on the data directory: SIGTERM, a bounded wait for a clean stop, then
     * SIGKILL (InnoDB recovers at the next start).
     *
     * @throws DataDirectoryBusyException when one is still running afterwards (another user's, say)
     */
    static void stopAll(Path mariadbDataDir) {
        for (ProcessHandle process : holding(mariadbDataDir)) {
            String command = commandLine(process.pid()).orElse("?");
            LOG.warn("A database server left running on {} (pid {}, {}): stopping it before starting ours",
                    mariadbDataDir, process.pid(), command);
            process.destroy();
            if (!waitForExit(process, CLEAN_STOP)) {
                LOG.warn("pid {} did not stop within {} s: killing it", process.pid(), CLEAN_STOP.toSeconds());
                process.destroyForcibly();
                waitForExit(process, KILL_WAIT);
            }
            if (process.isAlive()) {
                throw new DataDirectoryBusyException(mariadbDataDir, process.pid(), command);
            }
            LOG.info("The server left running on {} (pid {}) is stopped", mariadbDataDir, process.pid());
        }
    }

    /**
     * Fails at once when another process still locks the server's files (InnoDB's {@code ibdata1},
     * Aria's control file): mariadbd would otherwise retry the lock for some forty seconds, then give
     * up. The same POSIX record locks mariadbd takes, tried and released at once; the holder is named
     * from {@code /proc/locks}.
     *
     * @throws DataDirectoryBusyException naming the data directory and the process holding it
     */
    static void requireUnlocked(Path mariadbDataDir) {
        for (String name : LOCKED_FILES) {
            Path file = mariadbDataDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            boolean free;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.channels.FileLock lock = channel.tryLock();
                free = lock != null;
                if (lock != null) {
                    lock.release();
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                free = true; // held by this very JVM, which is about to start the server itself
            } catch (IOException e) {
                continue;
            }
            if (!free) {
                long holder = lockHolder(file).orElse(-1L);
                throw new DataDirectoryBusyException(mariadbDataDir, holder,
                        holder > 0 ? commandLine(holder).orElse("?") : "unknown process, locks " + name);
            }
        }
    }

    private static final List<String> LOCKED_FILES = List.of("ibdata1", "aria_log_control");

    /** The pid holding a POSIX lock on the file, from {@code /proc/locks} ("1: POSIX ADVISORY WRITE pid maj:min:inode …"). */
    private static Optional<Long> lockHolder(Path file) {
        try {
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 5 && fields[5].endsWith(":" + inode)) {
                    return Optional.of(Long.parseLong(fields[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no such attribute: the holder stays unnamed.
        }
        return Optional.empty();
    }

    private static boolean waitForExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static Optional<Long> pidFile(Path mariadbDataDir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(mariadbDataDir.resolve(PID_FILE)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A database server (its program is mariadbd or mysqld: not, say, the watchdog, whose arguments
     * also name the directory) whose data directory is ours, compared by real path so that a symbolic
     * link or a relative spelling does not hide one.
     */
    static boolean namesDataDir(long pid, Path mariadbDataDir) {
        List<String> arguments = arguments(pid);
        if (arguments.isEmpty() || !SERVER_PROGRAMS.contains(Path.of(arguments.get(0)).getFileName().toString())) {
            return false;
        }
        Path ours = realPath(mariadbDataDir);
        return dataDirArgument(pid).map(argument -> realPath(Path.of(argument.substring(DATA_DIR_OPTION.length()))))
                .filter(ours::equals).isPresent();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static List<String> arguments(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> arguments = new ArrayList<>();
            for (String argument : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                if (!argument.isEmpty()) {
                    arguments.add(argument);
                }
            }
            return arguments;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Optional<String> commandLine(long pid) {
        List<String> arguments = arguments(pid);
        return arguments.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", arguments));
    }
}
