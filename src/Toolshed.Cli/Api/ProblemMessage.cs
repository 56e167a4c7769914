using System.Net;
using System.Text.Json;

namespace Toolshed.Cli.Api;

/// <summary>Turns an error answer of the daemon into one line for people: its detail, then its hint.</summary>
internal static class ProblemMessage
{
    public static string From(HttpStatusCode status, string? body)
    {
        ProblemBody? problem = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                problem = JsonSerializer.Deserialize(body, Output.CliJsonContext.Default.ProblemBody);
            }
            catch (JsonException)
            {
                // Not problem+json (a proxy in between, an old daemon): fall back to the status line below.
            }
        }

        var detail = NonEmpty(problem?.Detail) ?? NonEmpty(problem?.Title);
        if (detail is null)
        {
            return $"The Toolshed daemon answered {(int)status} {status} without saying why; see its log for details.";
        }

        var hint = NonEmpty(problem?.Hint);
        return hint is null ? EndSentence(detail) : $"{EndSentence(detail)} {EndSentence(hint)}";
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string EndSentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";
}
