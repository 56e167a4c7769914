namespace Toolshed.Core.Secrets;

/// <summary>Where the encrypted store and its key file live, and the password when one is used.</summary>
public sealed record SecretStoreOptions
{
    /// <summary>The environment variable whose value, when set, is the store's password.</summary>
    public const string PasswordVariable = "TOOLSHED_SECRETS_PASSWORD";

    /// <summary>The encrypted store (under the data directory).</summary>
    public required string StorePath { get; init; }

    /// <summary>The random key used when no password is set; kept apart from the store (under the config directory).</summary>
    public required string KeyFilePath { get; init; }

    /// <summary>The password from <see cref="PasswordVariable"/>, or null to use the key file.</summary>
    public string? Password { get; init; }

    /// <summary>How long a write waits for another process holding the store's lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public static SecretStoreOptions For(Configuration.ToolshedPaths paths, string? password)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new SecretStoreOptions
        {
            StorePath = Path.Combine(paths.DataDirectory, "secrets.enc"),
            KeyFilePath = Path.Combine(paths.ConfigDirectory, "secrets.key"),
            Password = string.IsNullOrEmpty(password) ? null : password,
        };
    }
}
