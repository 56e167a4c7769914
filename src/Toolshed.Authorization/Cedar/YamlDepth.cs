using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Toolshed.Authorization.Cedar;

/// <summary>
/// Walks a YAML text's parser events (a state machine, no recursion) and refuses nesting deeper than a limit, before
/// anything builds a tree of it recursively (YamlStream, deserializers) and runs out of stack.
/// </summary>
internal static class YamlDepth
{
    public static void Check(string text, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > maxDepth)
                    {
                        throw new YamlDepthException(parser.Current.Start.Line);
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }
}
