using Toolshed.Authorization.Cedar;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;

namespace Toolshed.Authorization;

/// <summary>
/// Cedar policies and entities, parsed once, answering requests with Cedar's semantics: default deny, any applicable
/// <c>forbid</c> denies, else any applicable <c>permit</c> allows; a policy whose condition errors does not apply.
/// Immutable, so one instance serves concurrent requests.
/// </summary>
public sealed class CedarAuthorizer : ICedarAuthorizer
{
    private readonly Policy[] _policies;
    private readonly EntityStore _entities;

    private CedarAuthorizer(Policy[] policies, EntityStore entities)
    {
        _policies = policies;
        _entities = entities;
    }

    /// <summary>The ids of the policies, in order: <c>policy0</c>, <c>policy1</c>… or their <c>@id("...")</c>.</summary>
    public IReadOnlyList<string> PolicyIds => [.. _policies.Select(p => p.Id)];

    /// <summary>Reads a ToolHive authorization config file (JSON or YAML) with <see cref="SafeFileReader"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not a regular file of at most 1 MiB, or not a valid
    /// config (the message gives the line, never the file's text).</exception>
    public static async Task<CedarAuthorizer> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await SafeFileReader.ReadTextAsync(path, "The authorization config", AuthorizationConfigReader.Field, cancellationToken)
            .ConfigureAwait(false);
        return ParseFileContent(text, path);
    }

    /// <summary>Reads the text of a ToolHive authorization config (JSON or YAML); <paramref name="source"/> names it in errors.</summary>
    public static CedarAuthorizer Parse(string configText, string source = "(inline)")
    {
        try
        {
            var config = AuthorizationConfigReader.Read(configText, source);
            return Create(config.Policies, config.EntitiesJson, source);
        }
        catch (AuthorizationConfigException e)
        {
            throw new InvalidInputException(e.Message, AuthorizationConfigReader.Field, AuthorizationConfigReader.FormatHint);
        }
    }

    /// <summary>
    /// Like <see cref="Parse"/> for the text of a file the daemon read on the caller's behalf: an error says only that
    /// the file is not a valid config and on which line, never what the file holds.
    /// </summary>
    public static CedarAuthorizer ParseFileContent(string configText, string path)
    {
        try
        {
            var config = AuthorizationConfigReader.Read(configText, path);
            return Create(config.Policies, config.EntitiesJson, path);
        }
        catch (AuthorizationConfigException e)
        {
            var line = e.Line is { } at ? $" (line {at})" : "";
            throw new InvalidInputException(
                $"The authorization config {path} is not a valid Cedar authorization config{line}.",
                AuthorizationConfigReader.Field,
                "Send the config inline (`shed run --authz-config FILE` does) for the full error. " + AuthorizationConfigReader.FormatHint);
        }
    }

    /// <summary>Builds an authorizer from policy texts (each may hold several policies) and Cedar entity JSON.</summary>
    public static CedarAuthorizer FromPolicies(IEnumerable<string> policies, string? entitiesJson = null)
    {
        try
        {
            return Create([.. policies.Select(p => new PolicySource(p, 0))], entitiesJson, "(inline)");
        }
        catch (AuthorizationConfigException e)
        {
            throw new InvalidInputException(e.Message, AuthorizationConfigReader.Field, AuthorizationConfigReader.FormatHint);
        }
    }

    public AuthorizationDecision IsAuthorized(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evaluator = new Evaluator(request, _entities);
        List<string>? permits = null, forbids = null, errors = null;
        var forbidsActionExplicitly = false;
        foreach (var policy in _policies)
        {
            switch (evaluator.Evaluate(policy))
            {
                case PolicyOutcome.Applies when policy.IsForbid:
                    (forbids ??= []).Add(policy.Id);
                    forbidsActionExplicitly |= policy.Action.Kind != ScopeKind.Any;
                    break;
                case PolicyOutcome.Applies:
                    (permits ??= []).Add(policy.Id);
                    break;
                case PolicyOutcome.Error:
                    (errors ??= []).Add(policy.Id);
                    break;
            }
        }

        var allowed = forbids is null && permits is not null;
        return new AuthorizationDecision(allowed, (forbids ?? permits ?? []).AsReadOnly(), (errors ?? []).AsReadOnly())
        {
            ForbidsActionExplicitly = forbidsActionExplicitly,
        };
    }

    private static CedarAuthorizer Create(IReadOnlyList<PolicySource> sources, string? entitiesJson, string source)
    {
        var policies = new List<Policy>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            List<Policy> parsed;
            try
            {
                parsed = PolicyParser.Parse(sources[i].Text, policies.Count);
            }
            catch (CedarSyntaxException e)
            {
                int? line = sources[i].FileLine > 0 ? sources[i].FileLine + e.Position.Line - 1 : null;
                var fileLine = line is null ? "" : $" (line {line} of the file)";
                throw AuthorizationConfigReader.Invalid(source, $"cedar.policies[{i}], {e.Position} of the policy{fileLine}: {e.Reason}", line);
            }

            if (parsed.Count == 0)
            {
                throw AuthorizationConfigReader.Invalid(source, $"cedar.policies[{i}] holds no policy");
            }

            foreach (var policy in parsed)
            {
                if (!ids.Add(policy.Id))
                {
                    throw AuthorizationConfigReader.Invalid(source, $"cedar.policies[{i}]: duplicate policy id \"{policy.Id}\"");
                }
            }

            policies.AddRange(parsed);
        }

        EntityStore entities;
        try
        {
            entities = entitiesJson is null ? EntityStore.Empty : EntityStore.Parse(entitiesJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw AuthorizationConfigReader.Invalid(
                source, $"cedar.entities_json, line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: invalid JSON (or nested deeper than {EntityStore.MaxDepth} levels)");
        }
        catch (FormatException e)
        {
            throw AuthorizationConfigReader.Invalid(source, e.Message);
        }

        return new CedarAuthorizer([.. policies], entities);
    }
}
