using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Secrets;

/// <summary>
/// Secrets encrypted at rest in one file: AES-256-GCM with a fresh 96-bit nonce on every write, the header
/// authenticated as associated data. Writes go to a 0600 temp file that is renamed over the store, under a
/// process-wide lock and a file lock, so a reader sees the old or the new store and concurrent writers never lose
/// each other's secrets. A store that cannot be decrypted is never overwritten.
/// </summary>
public sealed class EncryptedSecretStore
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_processLocks = new(StringComparer.Ordinal);
    private readonly SecretStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _processLock;
    private readonly ConcurrentDictionary<string, byte[]> _derivedKeys = new(StringComparer.Ordinal);

    public EncryptedSecretStore(SecretStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options with { StorePath = Path.GetFullPath(options.StorePath), KeyFilePath = Path.GetFullPath(options.KeyFilePath) };
        _time = time ?? TimeProvider.System;
        _processLock = s_processLocks.GetOrAdd(_options.StorePath, _ => new SemaphoreSlim(1, 1));
    }

    public string StorePath => _options.StorePath;

    /// <summary>The names of every stored secret, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken)
    {
        var payload = await ReadLockedAsync(cancellationToken);
        return [.. payload.Secrets.Keys];
    }

    /// <summary>The secret's value, or null when there is none of that name.</summary>
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        SecretNames.Validate(name);
        var payload = await ReadLockedAsync(cancellationToken);
        return payload.Secrets.GetValueOrDefault(name);
    }

    /// <summary>Adds or replaces a secret.</summary>
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        SecretNames.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Length > SecretNames.MaxValueLength || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"The value of secret '{name}' must be 1-{SecretNames.MaxValueLength} characters without NUL.", "value");
        }

        await UpdateAsync(secrets => secrets[name] = value, cancellationToken);
    }

    /// <summary>Removes a secret; false when there was none of that name.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        SecretNames.Validate(name);
        var removed = false;
        await UpdateAsync(secrets => removed = secrets.Remove(name), cancellationToken);
        return removed;
    }

    private async Task<SecretStorePayload> ReadLockedAsync(CancellationToken cancellationToken)
    {
        await _processLock.WaitAsync(cancellationToken);
        try
        {
            var current = await LoadAsync(cancellationToken);
            return current?.Payload ?? new SecretStorePayload();
        }
        finally
        {
            _processLock.Release();
        }
    }

    private async Task UpdateAsync(Action<SortedDictionary<string, string>> change, CancellationToken cancellationToken)
    {
        await _processLock.WaitAsync(cancellationToken);
        try
        {
            EnsureDirectory(Path.GetDirectoryName(_options.StorePath)!);
            using var fileLock = await SecretStoreFileLock.AcquireAsync(_options.StorePath, _options.LockTimeout, _time, cancellationToken);
            // Read under both locks: a failure here (wrong key, damage) stops before anything is written.
            var current = await LoadAsync(cancellationToken);
            var payload = current?.Payload ?? new SecretStorePayload();
            change(payload.Secrets);
            var (header, key) = current is { } loaded ? (loaded.Header, loaded.Key) : await NewKeyAsync(cancellationToken);
            await WriteAtomicallyAsync(Encrypt(header, key, payload), cancellationToken);
        }
        finally
        {
            _processLock.Release();
        }
    }

    private async Task<(SecretStoreHeader Header, byte[] Key, SecretStorePayload Payload)?> LoadAsync(CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(_options.StorePath, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretStoreException($"The secrets store {_options.StorePath} cannot be read: {ex.Message}", null, ex);
        }

        var header = SecretStoreHeader.Read(data, _options.StorePath);
        if (data.Length < SecretStoreHeader.Length + NonceLength + TagLength)
        {
            throw Damaged("is truncated");
        }

        var key = await KeyForAsync(header, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(SecretKeyDerivation.KeyCheck(key), header.KeyCheck))
        {
            throw header.KeySource == SecretKeySource.Password
                ? new SecretStoreException(
                    $"The password in {SecretStoreOptions.PasswordVariable} does not open the secrets store {_options.StorePath}; it was left untouched.",
                    $"Set {SecretStoreOptions.PasswordVariable} to the password the store was created with.")
                : new SecretStoreException(
                    $"The key file {_options.KeyFilePath} does not open the secrets store {_options.StorePath}; it was left untouched.",
                    "Restore the key file that belongs to this store.");
        }

        var nonce = data.AsSpan(SecretStoreHeader.Length, NonceLength);
        var tag = data.AsSpan(SecretStoreHeader.Length + NonceLength, TagLength);
        var ciphertext = data.AsSpan(SecretStoreHeader.Length + NonceLength + TagLength);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, data.AsSpan(0, SecretStoreHeader.Length));
            var payload = JsonSerializer.Deserialize(plaintext, SecretStoreJsonContext.Default.SecretStorePayload)
                ?? throw Damaged("holds no secrets object");
            return (header, key, payload);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw Damaged("failed its integrity check (it was truncated or altered)", ex);
        }
        catch (JsonException ex)
        {
            throw Damaged("decrypted to something that is not a secrets list", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private async Task<byte[]> KeyForAsync(SecretStoreHeader header, CancellationToken cancellationToken)
    {
        if (header.KeySource == SecretKeySource.KeyFile)
        {
            if (_options.Password is not null)
            {
                throw new SecretStoreException(
                    $"The secrets store {_options.StorePath} is encrypted with the key file {_options.KeyFilePath}, but {SecretStoreOptions.PasswordVariable} is set.",
                    $"Unset {SecretStoreOptions.PasswordVariable}, or move the store away to start a password-protected one.");
            }

            return await SecretKeyFile.ReadAsync(_options.KeyFilePath, cancellationToken);
        }

        if (_options.Password is not { } password)
        {
            throw new SecretStoreException(
                $"The secrets store {_options.StorePath} is protected by a password, and {SecretStoreOptions.PasswordVariable} is not set.",
                $"Set {SecretStoreOptions.PasswordVariable} to the store's password (in the daemon's environment).");
        }

        var cacheKey = $"{header.Iterations}:{Convert.ToHexString(header.Salt)}";
        return _derivedKeys.GetOrAdd(cacheKey, _ => SecretKeyDerivation.FromPassword(password, header.Salt, header.Iterations));
    }

    private async Task<(SecretStoreHeader Header, byte[] Key)> NewKeyAsync(CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SecretStoreHeader.SaltLength);
        if (_options.Password is { } password)
        {
            var derived = SecretKeyDerivation.FromPassword(password, salt, SecretKeyDerivation.MinimumIterations);
            return (new SecretStoreHeader(SecretKeySource.Password, SecretKeyDerivation.MinimumIterations, salt, SecretKeyDerivation.KeyCheck(derived)), derived);
        }

        var key = await SecretKeyFile.GetOrCreateAsync(_options.KeyFilePath, cancellationToken);
        return (new SecretStoreHeader(SecretKeySource.KeyFile, 0, salt, SecretKeyDerivation.KeyCheck(key)), key);
    }

    private static byte[] Encrypt(SecretStoreHeader header, byte[] key, SecretStorePayload payload)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(payload, SecretStoreJsonContext.Default.SecretStorePayload);
        try
        {
            var data = new byte[SecretStoreHeader.Length + NonceLength + TagLength + plaintext.Length];
            header.Write(data);
            var nonce = data.AsSpan(SecretStoreHeader.Length, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(
                nonce,
                plaintext,
                data.AsSpan(SecretStoreHeader.Length + NonceLength + TagLength),
                data.AsSpan(SecretStoreHeader.Length + NonceLength, TagLength),
                data.AsSpan(0, SecretStoreHeader.Length));
            return data;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private async Task WriteAtomicallyAsync(byte[] data, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_options.StorePath)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(_options.StorePath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(data, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _options.StorePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            File.Delete(temporary);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new SecretStoreException($"The secrets store {_options.StorePath} cannot be written: {ex.Message}", null, ex);
        }
    }

    private static void EnsureDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private SecretStoreException Damaged(string what, Exception? inner = null) => new(
        $"The secrets store {_options.StorePath} {what}; it was left untouched.",
        "Restore it from a backup, or move it away to start an empty store (its secrets are then lost).",
        inner);
}
