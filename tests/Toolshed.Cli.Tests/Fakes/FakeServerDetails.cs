namespace Toolshed.Cli.Tests.Fakes;

/// <summary>A `GET /api/v1beta/servers/{name}` answer as the daemon gives it, with the fields a test varies.</summary>
internal static class FakeServerDetails
{
    public static string Json(string name, int port, string state = "running", int restarts = 0, long? lastExitCode = null, string status = "Up 1 second") => $$"""
        {"created":"2026-01-01T00:00:00Z","id":"0123456789abcdef","image":"ghcr.io/example/server:1","labels":{"toolshed":"true"},
         "name":"{{name}}","ports":[{"containerPort":0,"hostPort":{{port}},"protocol":"tcp"}],"state":"{{state}}","status":"{{status}}",
         "url":"http://127.0.0.1:{{port}}/mcp","sse_url":"http://127.0.0.1:{{port}}/sse","transport":"stdio",
         "target_port":null,"host":"127.0.0.1","proxy_port":{{port}},"cmd_arguments":["--verbose"],"env_var_names":["LOG_LEVEL"],
         "secrets":[{"name":"gh","target":"GITHUB_TOKEN"}],"volumes":["/srv/data:/data:ro"],"permission_profile":"none","network":"none",
         "egress":null,"memory_limit":1073741824,"pids_limit":512,"authz":false,"oidc":null,"registry_server":null,"desired_state":"running","ready":true,
         "restart_count":{{restarts}},"last_exit_code":{{(lastExitCode is null ? "null" : lastExitCode.ToString())}},
         "created_at":"2026-01-01T00:00:00+00:00","started_at":"2026-01-01T00:00:01+00:00"}
        """;
}
