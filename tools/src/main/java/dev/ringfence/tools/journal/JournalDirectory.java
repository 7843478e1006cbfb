package dev.ringfence.tools.journal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal directory is checked before anything starts: a path that is a file, a directory that cannot be
 * created or cannot be written is refused with one line that names it and says what to do, rather than
 * surfacing later as an unreadable (so "damaged") journal or a stack trace.
 */
public final class JournalDirectory
{
    private JournalDirectory()
    {
    }

    /**
     * Creates {@code dir} if it is missing and checks a file can be written in it.
     *
     * @param how how the operator chooses another directory, e.g. "--journal DIR (or journal.dir)".
     * @throws IllegalArgumentException naming the directory, the reason and {@code how}.
     */
    public static void check(final Path dir, final String how)
    {
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("the journal directory " + dir + " is a file, not a directory: choose a directory with " + how);
        }
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the journal directory " + dir + " cannot be created (" + whyNotCreated(dir, ex) +
                "): choose another with " + how + ", or create it yourself");
        }
        try
        {
            final Path probe = Files.createTempFile(dir, ".ringfence-write-check-", ".tmp");
            Files.delete(probe);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the journal directory " + dir + " cannot be written (" + reason(ex) + "): give this user " +
                "write access to it, or choose another with " + how);
        }
    }

    /** A file where a directory of the path should be is the usual reason, and the system names the wrong path for it. */
    private static String whyNotCreated(final Path dir, final IOException ex)
    {
        for (Path parent = dir.toAbsolutePath().getParent(); parent != null; parent = parent.getParent())
        {
            if (Files.exists(parent) && !Files.isDirectory(parent))
            {
                return parent + " is a file, not a directory";
            }
        }
        return reason(ex);
    }

    /** Why a file operation failed, in a few words (the path when the system names it). */
    public static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return ((FileAlreadyExistsException)ex).getFile() + " is a file, not a directory";
        }
        if (ex instanceof FileSystemException && ((FileSystemException)ex).getReason() != null)
        {
            final FileSystemException fs = (FileSystemException)ex;
            return fs.getFile() == null ? fs.getReason() : fs.getFile() + ": " + fs.getReason();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
