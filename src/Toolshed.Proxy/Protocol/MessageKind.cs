namespace Toolshed.Proxy.Protocol;

/// <summary>What a JSON-RPC message is, decided by which members it has.</summary>
internal enum MessageKind
{
    Invalid,
    Request,
    Notification,
    Response,
}
