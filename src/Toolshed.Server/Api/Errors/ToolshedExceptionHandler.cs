using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Api.Errors;

/// <summary>
/// The one place where failures become HTTP answers: domain exceptions map to their status with their (safe) message
/// and hint; malformed or oversized requests to 400/413 saying where; anything else to a generic 500, logged whole.
/// </summary>
internal sealed partial class ToolshedExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ToolshedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem.Status >= 500 && exception is not ToolshedException)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails ToProblem(Exception exception)
    {
        var (status, title) = exception switch
        {
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            InvalidInputException => (StatusCodes.Status400BadRequest, "Invalid request"),
            ImageUnavailableException => (StatusCodes.Status400BadRequest, "Image unavailable"),
            ContainerEngineUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Container engine unavailable"),
            ContainerEngineException => (StatusCodes.Status502BadGateway, "Container engine error"),
            PackageSourceException => (StatusCodes.Status502BadGateway, "Package registry error"),
            RemoteServerException => (StatusCodes.Status502BadGateway, "Remote server error"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Request body too large"
                : "Malformed request"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };

        var problem = new ProblemDetails { Status = status, Title = title, Detail = Describe(exception, status) };
        if (exception is ToolshedException { Hint: { } hint })
        {
            problem.Extensions["hint"] = hint;
        }

        if (exception is InvalidInputException { Field: { } field })
        {
            problem.Extensions["field"] = field;
        }
        else if (exception is BadHttpRequestException { InnerException: JsonException json } && FieldOf(json) is { } jsonField)
        {
            problem.Extensions["field"] = jsonField;
        }

        return problem;
    }

    private static string Describe(Exception exception, int status) => exception switch
    {
        ToolshedException => exception.Message,
        BadHttpRequestException { InnerException: JsonException json } when FieldOf(json) is { } field =>
            $"The request body has a value of the wrong JSON type (or nested too deep) at '{field}' ({Position(json)}). Send each field in the type the API reference shows: numbers as numbers, not strings.",
        BadHttpRequestException { InnerException: JsonException json } =>
            $"The request body is not valid JSON: {json.Message} Send a JSON object as the API reference shows.",
        BadHttpRequestException when status == StatusCodes.Status413PayloadTooLarge =>
            $"The request body is larger than {Hosting.ToolshedServer.MaxRequestBodyBytes} bytes.",
        BadHttpRequestException bad => bad.Message,
        _ => "An unexpected error occurred; the daemon's log has the details.",
    };

    /// <summary>The body field a JSON error is about ("target_port", "secrets[0].name"), or null at the top level.</summary>
    private static string? FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    private static string Position(JsonException json) =>
        $"line {(json.LineNumber ?? 0) + 1}, position {(json.BytePositionInLine ?? 0) + 1}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
