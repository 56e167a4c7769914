namespace Toolshed.Authorization;

/// <summary>
/// One question to the policy engine: may <see cref="Principal"/> do <see cref="Action"/> on <see cref="Resource"/>?
/// The principal's and resource's attributes travel with the request (and win over attributes the configuration's
/// entities give the same entity; parents always come from the configuration). <see cref="Context"/> is a record.
/// See <see cref="McpAuthorizationRequests"/> for the requests the proxy makes.
/// </summary>
public sealed record AuthorizationRequest(EntityUid Principal, EntityUid Action, EntityUid Resource)
{
    private static readonly IReadOnlyDictionary<string, CedarValue> s_none = new Dictionary<string, CedarValue>();

    private readonly CedarValue _context = CedarValue.EmptyRecord;

    public IReadOnlyDictionary<string, CedarValue> PrincipalAttributes { get; init; } = s_none;

    public IReadOnlyDictionary<string, CedarValue> ResourceAttributes { get; init; } = s_none;

    /// <summary>The <c>context</c> record; must be of kind <see cref="CedarValueKind.Record"/>.</summary>
    public CedarValue Context
    {
        get => _context;
        init => _context = value is { Kind: CedarValueKind.Record }
            ? value
            : throw new ArgumentException("The context must be a record.", nameof(value));
    }
}
