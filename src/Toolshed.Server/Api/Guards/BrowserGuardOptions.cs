namespace Toolshed.Server.Api.Guards;

/// <summary>How the API's browser guard runs: whether it checks Host (only on a loopback listener) and against what.</summary>
internal sealed record BrowserGuardOptions(bool CheckHost, LoopbackHostRule Hosts);
