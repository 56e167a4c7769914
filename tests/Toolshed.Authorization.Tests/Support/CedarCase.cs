using Toolshed.Authorization;

namespace Toolshed.Authorization.Tests.Support;

/// <summary>One generated differential case: policy text, the configuration's entities JSON and a request.</summary>
internal sealed record CedarCase(string Policies, string EntitiesJson, AuthorizationRequest Request);
