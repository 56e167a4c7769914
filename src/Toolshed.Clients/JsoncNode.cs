namespace Toolshed.Clients;

/// <summary>A JSONC value with its text span (<see cref="End"/> is exclusive); objects keep their members' spans.</summary>
internal class JsoncNode(int start, int end)
{
    public int Start { get; } = start;

    public int End { get; } = end;
}
