namespace Toolshed.Authorization.Cedar;

/// <summary>One lexeme. <see cref="Text"/> is an identifier's name, an integer's digits or a string's raw body
/// (escapes still in it, because <c>like</c> patterns read <c>\*</c> differently from other strings).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position);
