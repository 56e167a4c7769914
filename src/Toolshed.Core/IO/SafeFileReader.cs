using System.Text;
using Microsoft.Win32.SafeHandles;
using Toolshed.Core.Errors;

namespace Toolshed.Core.IO;

/// <summary>
/// Reads a file named in a request (an authorization config, a permission profile, a registry): only a regular file
/// of at most <see cref="MaxBytes"/>, typed and sized before it is opened, opened without blocking, re-checked on the
/// open handle, read under a timeout. FIFOs, devices, sockets, directories and larger files are refused with an
/// <see cref="InvalidInputException"/> naming the path and the rule — never a word of what the file holds.
/// </summary>
public static class SafeFileReader
{
    public const int MaxBytes = 1024 * 1024;

    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The rule, as error messages state it.</summary>
    public const string Rule = "only a regular file of at most 1 MiB is read";

    /// <summary>Reads <paramref name="path"/> as UTF-8 text; <paramref name="what"/> ("the authorization config") and
    /// <paramref name="field"/> name it in errors.</summary>
    public static Task<string> ReadTextAsync(string path, string what, string field, CancellationToken cancellationToken) =>
        ReadTextAsync(path, what, field, MaxBytes, cancellationToken);

    /// <summary>As <see cref="ReadTextAsync(string, string, string, CancellationToken)"/>, for files that may be larger
    /// (a registry): at most <paramref name="maxBytes"/>.</summary>
    public static async Task<string> ReadTextAsync(string path, string what, string field, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (!Path.IsPathFullyQualified(path))
        {
            throw new InvalidInputException($"{what} {path} is not an absolute path.", field, "Send an absolute path, or the content itself.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            var bytes = OperatingSystem.IsLinux()
                ? await ReadLinuxAsync(path, what, field, maxBytes, timeout.Token).ConfigureAwait(false)
                : await ReadPortableAsync(path, what, field, maxBytes, timeout.Token).ConfigureAwait(false);
            return s_strictUtf8.GetString(bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidInputException($"Reading {what} {path} took longer than {ReadTimeout.TotalSeconds:0} seconds; {RuleFor(maxBytes)}.", field);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException($"{what} {path} is not UTF-8 text.", field);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidInputException($"{what} {path} does not exist.", field, "Check the path; it names a file on the daemon's host.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InvalidInputException($"{what} {path} does not exist.", field, "Check the path; it names a file on the daemon's host.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InvalidInputException($"The daemon may not read {what} {path}.", field, "Make the file readable by the user running the daemon.");
        }
        catch (IOException ex)
        {
            throw new InvalidInputException($"Reading {what} {path} failed: {ex.Message}", field);
        }
    }

    private static async Task<byte[]> ReadLinuxAsync(string path, string what, string field, int maxBytes, CancellationToken cancellationToken)
    {
        // Typed before opening: a FIFO is never opened, a device never read.
        Check(LinuxFileInterop.StatPath(path), path, what, field, maxBytes);
        using var handle = LinuxFileInterop.OpenForReading(path);
        // ... and again on what was opened, in case the path was swapped in between.
        Check(LinuxFileInterop.StatHandle(handle), path, what, field, maxBytes);
        return await ReadBoundedAsync(handle, path, what, field, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadPortableAsync(string path, string what, string field, int maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            Refuse(UnixFileKind.Directory, path, what, field, maxBytes);
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException(path);
        }

        Check(new FileStatus(UnixFileKind.Regular, info.Length), path, what, field, maxBytes);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        return await ReadBoundedAsync(handle, path, what, field, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static void Check(FileStatus status, string path, string what, string field, int maxBytes)
    {
        if (status.Kind == UnixFileKind.Missing)
        {
            throw new FileNotFoundException(path);
        }

        if (status.Kind != UnixFileKind.Regular)
        {
            Refuse(status.Kind, path, what, field, maxBytes);
        }

        if (status.Size > maxBytes)
        {
            throw TooLarge(path, what, field, maxBytes);
        }
    }

    private static void Refuse(UnixFileKind kind, string path, string what, string field, int maxBytes)
    {
        var described = kind switch
        {
            UnixFileKind.Directory => "a directory",
            UnixFileKind.Fifo => "a FIFO (named pipe)",
            UnixFileKind.CharacterDevice or UnixFileKind.BlockDevice => "a device",
            UnixFileKind.Socket => "a socket",
            _ => "not a regular file",
        };
        throw new InvalidInputException($"{what} {path} is {described}; {RuleFor(maxBytes)}.", field, "Point to the file itself, or send its content inline.");
    }

    private static string RuleFor(int maxBytes) => maxBytes == MaxBytes ? Rule : $"only a regular file of at most {maxBytes / (1024 * 1024)} MiB is read";

    private static InvalidInputException TooLarge(string path, string what, string field, int maxBytes) =>
        new($"{what} {path} is larger than {maxBytes / (1024 * 1024)} MiB; {RuleFor(maxBytes)}.", field);

    private static async Task<byte[]> ReadBoundedAsync(
        SafeFileHandle handle, string path, string what, string field, int maxBytes, CancellationToken cancellationToken)
    {
        // Up to one byte more than allowed tells a file that grew since it was sized.
        using var content = new MemoryStream();
        var chunk = new byte[81920];
        long offset = 0;
        int read;
        while (content.Length <= maxBytes
               && (read = await RandomAccess.ReadAsync(handle, chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1L - content.Length)), offset, cancellationToken).ConfigureAwait(false)) > 0)
        {
            content.Write(chunk, 0, read);
            offset += read;
        }

        if (content.Length > maxBytes)
        {
            throw TooLarge(path, what, field, maxBytes);
        }

        return content.ToArray();
    }
}
