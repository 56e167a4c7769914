using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Toolshed.Testing;

/// <summary>
/// A tiny OIDC identity provider on 127.0.0.1: discovery and JWKS served by a real Kestrel, keys generated here
/// (RSA for RS256, RSA for PS256, EC P-256 for ES256), real tokens minted with them. Keys can be rotated mid-test.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "toolshed-test";

    private readonly WebApplication _app;
    private readonly Dictionary<string, (SecurityKey Key, string Algorithm)> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _published = [];
    private readonly Lock _gate = new();

    private TestIssuer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        AddKey("rsa-1", NewRsa(), SecurityAlgorithms.RsaSha256);
        AddKey("ps-1", NewRsa(), SecurityAlgorithms.RsaSsaPssSha256);
        AddKey("ec-1", new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);
    }

    public Uri BaseAddress { get; }

    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public string JwksUrl => Issuer + "/jwks";

    public int JwksRequests { get; private set; }

    public static async Task<TestIssuer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        TestIssuer? issuer = null;
        app.Run(http => issuer is null ? Task.CompletedTask : issuer.ServeAsync(http));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        issuer = new TestIssuer(app, new Uri(address.TrimEnd('/') + "/"));
        return issuer;
    }

    /// <summary>Publishes a fresh RS256 key and (optionally) withdraws every other one: what a provider's rotation looks like.</summary>
    public string Rotate(bool withdrawOld)
    {
        var kid = "rsa-" + Guid.NewGuid().ToString("N")[..8];
        lock (_gate)
        {
            if (withdrawOld)
            {
                _published.Clear();
            }
        }

        AddKey(kid, NewRsa(), SecurityAlgorithms.RsaSha256);
        return kid;
    }

    /// <summary>A signed token; by default valid now for <see cref="Audience"/>, subject alice, with the RS256 key.</summary>
    public string Mint(
        string subject = "alice",
        string kid = "rsa-1",
        string? issuer = null,
        string audience = Audience,
        DateTime? expires = null,
        DateTime? notBefore = null,
        IDictionary<string, object>? claims = null)
    {
        var (key, algorithm) = _keys[kid];
        var now = DateTime.UtcNow;
        var notBeforeValue = notBefore ?? now.AddMinutes(-1);
        var expiresValue = expires ?? now.AddMinutes(10);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            NotBefore = notBeforeValue,
            IssuedAt = notBeforeValue < expiresValue ? notBeforeValue : expiresValue.AddMinutes(-1),
            Expires = expiresValue,
            Claims = new Dictionary<string, object>(claims ?? new Dictionary<string, object>()) { ["sub"] = subject },
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token signed by a key the issuer never published, under a published key id.</summary>
    public string MintWithRogueKey() => MintWithRogueKey("rsa-1");

    /// <summary>A token signed by a key the issuer never published, under a key id it never published either.</summary>
    public string MintWithUnknownKeyId() => MintWithRogueKey("made-up-" + Guid.NewGuid().ToString("N")[..8]);

    private string MintWithRogueKey(string kid)
    {
        var rogue = NewRsa();
        rogue.KeyId = kid;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory" },
            SigningCredentials = new SigningCredentials(rogue, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token (alg none) with otherwise valid claims.</summary>
    public string MintUnsigned() =>
        Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Encode(ValidPayload()) + ".";

    /// <summary>The classic key-confusion attack: HS256 keyed with the issuer's public RSA key (as its JWK text).</summary>
    public string MintHmacWithPublicKey()
    {
        var header = Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = "rsa-1" });
        var payload = Encode(ValidPayload());
        var secret = Encoding.UTF8.GetBytes(PublicJwk("rsa-1").ToJsonString());
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private JsonObject ValidPayload() => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["sub"] = "mallory",
        ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
    };

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static RsaSecurityKey NewRsa() => new(RSA.Create(2048));

    private void AddKey(string kid, SecurityKey key, string algorithm)
    {
        key.KeyId = kid;
        lock (_gate)
        {
            _keys[kid] = (key, algorithm);
            _published.Add(kid);
        }
    }

    private JsonObject PublicJwk(string kid)
    {
        var (key, algorithm) = _keys[kid];
        var jwk = new JsonObject { ["kid"] = kid, ["use"] = "sig", ["alg"] = algorithm };
        switch (key)
        {
            case RsaSecurityKey rsa:
                var parameters = rsa.Rsa.ExportParameters(false);
                jwk["kty"] = "RSA";
                jwk["n"] = Base64Url.EncodeToString(parameters.Modulus);
                jwk["e"] = Base64Url.EncodeToString(parameters.Exponent);
                break;
            case ECDsaSecurityKey ec:
                var point = ec.ECDsa.ExportParameters(false).Q;
                jwk["kty"] = "EC";
                jwk["crv"] = "P-256";
                jwk["x"] = Base64Url.EncodeToString(point.X);
                jwk["y"] = Base64Url.EncodeToString(point.Y);
                break;
        }

        return jwk;
    }

    private async Task ServeAsync(HttpContext http)
    {
        JsonObject body;
        switch (http.Request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                body = new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = JwksUrl };
                break;
            case "/jwks":
                var keys = new JsonArray();
                lock (_gate)
                {
                    JwksRequests++;
                    foreach (var kid in _published)
                    {
                        keys.Add(PublicJwk(kid));
                    }
                }

                body = new JsonObject { ["keys"] = keys };
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}
