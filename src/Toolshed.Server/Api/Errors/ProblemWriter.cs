using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Toolshed.Server.Api.Errors;

/// <summary>Writes a problem+json answer from middleware that refuses a request before any endpoint runs.</summary>
internal static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string? hint = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (hint is not null)
        {
            problem.Extensions["hint"] = hint;
        }

        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail, http.RequestAborted);
        }
    }
}
