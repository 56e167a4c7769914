using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolshed.Proxy.Groups;
using Toolshed.Server.Clients;
using Toolshed.Server.Groups.Persistence;

namespace Toolshed.Server.Groups;

/// <summary>Registers the group service (served from daemon start, told of every workload change) and its store.</summary>
public static class GroupsServiceCollectionExtensions
{
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddSingleton<GroupStore>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<IWorkloadEvents>(provider => provider.GetRequiredService<GroupService>());
        services.AddSingleton<IGroupEndpoints>(provider => provider.GetRequiredService<GroupService>());
        services.AddHostedService(provider => provider.GetRequiredService<GroupService>());
        return services;
    }
}
