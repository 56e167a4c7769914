namespace Toolshed.Server.Workloads;

/// <summary>Looks up a secret's value when a container is started. Values never leave the start path.</summary>
public interface ISecretResolver
{
    /// <summary>The secret's value, or null when no secret has that name.</summary>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken);
}
