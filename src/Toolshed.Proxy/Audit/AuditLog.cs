using System.Text.Json;

namespace Toolshed.Proxy.Audit;

/// <summary>
/// A workload's audit log: JSON lines appended to <c>&lt;directory&gt;/&lt;workload&gt;.jsonl</c>, rotated by size to
/// .1, .2 … (the oldest dropped). Writes are synchronous and serialized, so a line is on disk (in the OS cache) when
/// the answer leaves the proxy. The files are readable by the owner only.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private readonly int _keep;
    private FileStream? _stream;
    private long _length; // of the open file, kept here: asking the stream costs an fstat per line
    private bool _disposed;

    public AuditLog(string directory, string workloadName, long maxBytes = 10 * 1024 * 1024, int keep = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        Directory = directory;
        FilePath = PathFor(directory, workloadName);
        _maxBytes = maxBytes;
        _keep = keep;
    }

    public string Directory { get; }

    public string FilePath { get; }

    public static string PathFor(string directory, string workloadName) => Path.Combine(directory, workloadName + ".jsonl");

    /// <summary>Appends one line; an I/O failure loses the line rather than failing the request.</summary>
    public bool Write(AuditRecord record)
    {
        // One write per line, newline included: the daemon's lifecycle lines may come from another instance on the file.
        var json = JsonSerializer.SerializeToUtf8Bytes(record, AuditJsonContext.Default.AuditRecord);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                var stream = _stream ??= Open();
                if (_length > 0 && _length + line.Length > _maxBytes)
                {
                    Rotate();
                    stream = _stream = Open();
                }

                stream.Write(line);
                stream.Flush();
                _length += line.Length;
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _stream?.Dispose();
                _stream = null;
                return false;
            }
        }
    }

    /// <summary>Appends a lifecycle line (method <c>toolshed/…</c>) the daemon writes about a workload, with a note.</summary>
    public static bool WriteLifecycle(string directory, string workloadName, string method, string? name, string note, DateTimeOffset time)
    {
        using var log = new AuditLog(directory, workloadName);
        return log.Write(new AuditRecord
        {
            Time = time,
            Workload = workloadName,
            Subject = "toolshed",
            Method = method,
            Name = name,
            Decision = "allow",
            Outcome = "success",
            Note = note,
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _stream?.Dispose();
            _stream = null;
        }
    }

    private FileStream Open()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(FilePath, options);
        _length = stream.Length;
        return stream;
    }

    private void Rotate()
    {
        _stream?.Dispose();
        _stream = null;
        if (_keep == 0)
        {
            File.Delete(FilePath);
            return;
        }

        File.Delete($"{FilePath}.{_keep}");
        for (var i = _keep - 1; i >= 1; i--)
        {
            if (File.Exists($"{FilePath}.{i}"))
            {
                File.Move($"{FilePath}.{i}", $"{FilePath}.{i + 1}");
            }
        }

        File.Move(FilePath, FilePath + ".1");
    }
}
