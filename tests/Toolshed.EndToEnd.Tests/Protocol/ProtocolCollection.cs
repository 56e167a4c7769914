namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// The protocol-era test classes share one daemon and its two everything-servers, and run one after the other: each
/// test reads the audit lines its own clients caused, which a test running beside it would mix in.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProtocolCollection : ICollectionFixture<EraWorkloads>
{
    public const string Name = "protocol-eras";
}
