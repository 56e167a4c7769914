namespace Toolshed.Server.Clients;

/// <summary>Where groups' endpoints listen, for clients registered with a group instead of each workload.</summary>
public interface IGroupEndpoints
{
    /// <summary>The port the group's endpoint listens on; a <see cref="Core.Errors.NotFoundException"/> for no such group.</summary>
    Task<int> PortOfAsync(string group, CancellationToken cancellationToken);
}
