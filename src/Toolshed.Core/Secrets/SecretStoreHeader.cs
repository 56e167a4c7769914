using System.Buffers.Binary;

namespace Toolshed.Core.Secrets;

/// <summary>
/// The store's fixed-size header (authenticated as associated data):
/// magic "TSSECRET" · version · key source · PBKDF2 iterations (big-endian) · 16-byte salt · 16-byte key check.
/// The key check (a keyed hash of a constant) tells a wrong key apart from a tampered body.
/// </summary>
internal sealed record SecretStoreHeader(SecretKeySource KeySource, int Iterations, byte[] Salt, byte[] KeyCheck)
{
    public const byte CurrentVersion = 1;
    public const int SaltLength = 16;
    public const int KeyCheckLength = 16;
    public const int Length = 8 + 1 + 1 + 4 + SaltLength + KeyCheckLength;
    private static ReadOnlySpan<byte> Magic => "TSSECRET"u8;

    public void Write(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        destination[8] = CurrentVersion;
        destination[9] = (byte)KeySource;
        BinaryPrimitives.WriteInt32BigEndian(destination[10..], Iterations);
        Salt.CopyTo(destination[14..]);
        KeyCheck.CopyTo(destination[(14 + SaltLength)..]);
    }

    /// <summary>Reads a header, or throws a <see cref="SecretStoreException"/> saying what is wrong with the file.</summary>
    public static SecretStoreHeader Read(ReadOnlySpan<byte> data, string path)
    {
        if (data.Length < Length || !data.StartsWith(Magic))
        {
            throw new SecretStoreException(
                $"The secrets store {path} is not a Toolshed secrets file (truncated or overwritten); it was left untouched.",
                "Restore it from a backup, or move it away to start an empty store (its secrets are then lost).");
        }

        if (data[8] != CurrentVersion)
        {
            throw new SecretStoreException(
                $"The secrets store {path} has format version {data[8]}, which this version of Toolshed does not read; it was left untouched.",
                "Use the Toolshed version that wrote it.");
        }

        var source = (SecretKeySource)data[9];
        var iterations = BinaryPrimitives.ReadInt32BigEndian(data[10..]);
        if (source is not (SecretKeySource.KeyFile or SecretKeySource.Password)
            || (source == SecretKeySource.Password && iterations < SecretKeyDerivation.MinimumIterations))
        {
            throw new SecretStoreException(
                $"The secrets store {path} has a damaged header (key source {data[9]}, {iterations} iterations); it was left untouched.",
                "Restore it from a backup.");
        }

        return new SecretStoreHeader(
            source,
            iterations,
            data.Slice(14, SaltLength).ToArray(),
            data.Slice(14 + SaltLength, KeyCheckLength).ToArray());
    }
}
