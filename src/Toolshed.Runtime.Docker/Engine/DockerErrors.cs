using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Toolshed.Core.Errors;

using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

/// <summary>Turns Docker.DotNet and transport failures into Toolshed's exception family.</summary>
internal static class DockerErrors
{
    /// <summary>The engine's own reason: the "message" of its JSON error body, else the exception's message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        DockerApiException api => EngineMessage(api),
        HttpRequestException { InnerException: SocketException socket } => SocketText(socket),
        SocketException socket => SocketText(socket),
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} {inner.Message}".Trim(),
        _ => exception.Message,
    };

    public static string EngineMessage(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return $"the engine answered {(int)exception.StatusCode} ({exception.StatusCode})";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Not JSON: use the body as it is.
        }

        return body;
    }

    /// <summary>True when the failure means the engine could not be reached at all.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is HttpRequestException or SocketException
        || (exception is IOException && exception.InnerException is SocketException);

    public static ContainerEngineUnavailableException Unavailable(string endpoint, Exception exception) =>
        new(
            $"The container engine at {endpoint} does not answer: {Describe(exception)}.",
            "Start Docker or Podman, or set DOCKER_HOST to the engine's address.",
            exception);

    /// <summary>Maps an engine refusal; <paramref name="what"/> says what was attempted ("create container x").</summary>
    public static EngineRefusedException Refused(string what, DockerApiException exception)
    {
        var reason = EngineMessage(exception);
        return new EngineRefusedException($"Cannot {what}: {reason}", Classify(exception.StatusCode, reason), exception);
    }

    /// <summary>The engine's status and, where the status alone does not tell, its message.</summary>
    public static EngineRefusal Classify(HttpStatusCode status, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return status switch
        {
            HttpStatusCode.NotFound => EngineRefusal.NotFound,
            HttpStatusCode.Conflict when reason.Contains("already in progress", StringComparison.OrdinalIgnoreCase) => EngineRefusal.RemovalInProgress,
            HttpStatusCode.Conflict => EngineRefusal.Conflict,
            _ when reason.Contains("overlap", StringComparison.OrdinalIgnoreCase) => EngineRefusal.SubnetOverlap,
            _ => EngineRefusal.Other,
        };
    }

    private static string SocketText(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.AddressNotAvailable or SocketError.HostNotFound => "address not found",
        SocketError.AccessDenied => "permission denied",
        _ => socket.Message,
    };
}
