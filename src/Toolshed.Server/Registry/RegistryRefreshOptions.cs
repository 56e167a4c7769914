namespace Toolshed.Server.Registry;

/// <summary>How often added registries are read again (`shed serve --registry-refresh`); zero: only at start and when added.</summary>
public sealed record RegistryRefreshOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
