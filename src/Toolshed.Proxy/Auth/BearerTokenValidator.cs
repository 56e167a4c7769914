using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Toolshed.Core.Workloads;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Checks OIDC bearer tokens (JWTs) for one audience: signature against the issuer's keys, algorithm on an
/// asymmetric allow-list (so neither "none" nor HMAC keyed with a public key gets through), iss, aud, exp and nbf
/// with a small clock skew measured on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class BearerTokenValidator
{
    private static readonly string[] s_algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    private static readonly JsonWebTokenHandler s_handler = new() { MapInboundClaims = false };

    private readonly SigningKeyCache _keys;
    private readonly TimeProvider _timeProvider;
    private readonly OidcKeyRefreshPolicy _policy;
    private readonly ILogger _logger;
    private readonly string[] _issuers;
    private readonly string _audience;
    private (SigningKeySet Keys, TokenValidationParameters Parameters)? _parameters;

    internal BearerTokenValidator(
        OidcSettings settings, HttpClient http, TimeProvider timeProvider, OidcKeyRefreshPolicy policy, ILogger logger)
    {
        if (OidcSettingsRules.Check(settings) is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        Settings = settings;
        _timeProvider = timeProvider;
        _policy = policy;
        _logger = logger;
        var issuer = settings.Issuer!;
        _issuers = issuer.EndsWith('/') ? [issuer, issuer.TrimEnd('/')] : [issuer, issuer + "/"];
        _audience = settings.Audience!;
        _keys = new SigningKeyCache(http, new Uri(issuer), settings.JwksUrl is null ? null : new Uri(settings.JwksUrl), policy, logger);
    }

    public OidcSettings Settings { get; }

    /// <summary>Validates the value of an Authorization header; never throws for a bad token.</summary>
    public async ValueTask<BearerValidation> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var result = await ValidateCoreAsync(authorizationHeader, cancellationToken);
        if (!result.Succeeded && !result.IsMissing)
        {
            OidcLog.TokenRefused(_logger, result.ErrorDescription!);
        }

        return result;
    }

    private async ValueTask<BearerValidation> ValidateCoreAsync(string? header, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return BearerValidation.Missing;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BearerValidation.Invalid("the Authorization header must carry a Bearer token");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(header[7..].Trim());
        }
        catch (ArgumentException)
        {
            return BearerValidation.Invalid("the token is not a well-formed JWT");
        }

        if (Array.IndexOf(s_algorithms, token.Alg) < 0)
        {
            return BearerValidation.Invalid($"the token's algorithm '{Printable(token.Alg)}' is not accepted; sign with RS256, ES256 or PS256");
        }

        var keys = await _keys.GetAsync(string.IsNullOrEmpty(token.Kid) ? null : token.Kid, cancellationToken);
        if (keys is null)
        {
            return BearerValidation.Invalid("the issuer's signing keys could not be fetched");
        }

        var validation = await s_handler.ValidateTokenAsync(token, ParametersFor(keys));
        if (!validation.IsValid)
        {
            return BearerValidation.Invalid(Describe(validation.Exception));
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue)
        {
            return BearerValidation.Invalid("the token has no exp claim");
        }

        if (now > token.ValidTo + _policy.ClockSkew)
        {
            return BearerValidation.Invalid("the token expired");
        }

        if (token.ValidFrom != DateTime.MinValue && now + _policy.ClockSkew < token.ValidFrom)
        {
            return BearerValidation.Invalid("the token is not valid yet (nbf)");
        }

        return BearerValidation.Valid(new AuthenticatedCaller(
            string.IsNullOrEmpty(token.Subject) ? null : token.Subject, ReadClaims(token)));
    }

    private TokenValidationParameters ParametersFor(SigningKeySet keys)
    {
        if (_parameters is { } cached && ReferenceEquals(cached.Keys, keys))
        {
            return cached.Parameters;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _issuers,
            ValidAudience = _audience,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = s_algorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = true,
            // Lifetime is checked afterwards against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        _parameters = (keys, parameters);
        return parameters;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => "the token's issuer (iss) is not the one this server trusts",
        SecurityTokenInvalidAudienceException => "the token's audience (aud) is not this server",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not accepted",
        SecurityTokenSignatureKeyNotFoundException => "the token's signature does not match any of the issuer's keys",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        SecurityTokenMalformedException => "the token is not a well-formed JWT",
        _ => "the token could not be validated",
    };

    private static string Printable(string? algorithm) =>
        string.IsNullOrEmpty(algorithm) ? "" : new string([.. algorithm.Take(16).Where(c => c is >= ' ' and <= '~' and not '"' and not '\\')]);

    private static Dictionary<string, JsonElement> ReadClaims(JsonWebToken token)
    {
        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var payload = Base64Url.DecodeFromChars(token.EncodedPayload);
        using var document = JsonDocument.Parse(payload);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                claims[property.Name] = property.Value.Clone();
            }
        }

        return claims;
    }
}
