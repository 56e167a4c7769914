namespace Toolshed.Server.Workloads.Validation;

/// <summary>What every bind is checked against, from -v volumes or a permission profile's read/write paths.</summary>
public sealed record BindPolicy
{
    public static BindPolicy Default { get; } = new();

    /// <summary>Whether a host path exists (injected so unit tests need not create paths).</summary>
    public Func<string, bool> HostPathExists { get; init; } = VolumeParser.DefaultHostPathExists;

    /// <summary>The sensitive-path rules; null checks none.</summary>
    public SensitiveMountRules? Sensitive { get; init; }

    /// <summary>The request's <c>allow_sensitive_mounts</c>.</summary>
    public bool AllowSensitive { get; init; }
}
