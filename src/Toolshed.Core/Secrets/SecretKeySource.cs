namespace Toolshed.Core.Secrets;

/// <summary>Where a store's key comes from; written in the store's header.</summary>
public enum SecretKeySource : byte
{
    /// <summary>A random 256-bit key in a separate file.</summary>
    KeyFile = 1,

    /// <summary>A password stretched with PBKDF2-HMAC-SHA256 and the header's salt and iteration count.</summary>
    Password = 2,
}
