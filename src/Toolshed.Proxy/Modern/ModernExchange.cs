using System.Text.Json.Nodes;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// One 2026-07-28 request on its way through a 2025-era handler, under an id of the proxy's own
/// (<see cref="InternalId"/>) on the caller's stateless session. The handler writes here what the server says about
/// the request; this sink turns it into what a modern client expects on the HTTP answer attached now: the result
/// completed (<see cref="ModernResults"/>), progress passed on, log messages only at the level the request asked for,
/// and a request of the server to the client (sampling, elicitation, roots) turned into an <c>input_required</c>
/// answer. The upstream call is then held (<see cref="HeldCalls"/>) until the client's retry brings the input, which
/// answers the server, and the retry's HTTP answer is attached in place of the first one.
/// </summary>
internal sealed class ModernExchange : MessageSink
{
    private const int MaxBufferedRelated = 64;

    private readonly Lock _gate = new();
    private readonly ModernTranslator _translator;
    private readonly McpSession _session;
    private readonly Dictionary<string, PendingInput> _inputs = new(StringComparer.Ordinal);
    private List<ReadOnlyMemory<byte>> _buffered = [];
    private ExchangeSink? _attached;
    private JsonNode _clientId;
    private JsonObject? _finalAnswer;
    private ExchangeState _state = ExchangeState.Running;
    private int _inputCount;
    private string? _digest;
    private string? _handle;

    public ModernExchange(ModernTranslator translator, McpSession session, ModernRequest request, string internalId, string? subject)
    {
        _translator = translator;
        _session = session;
        Request = request;
        InternalId = internalId;
        Subject = subject;
        _clientId = request.Id.DeepClone();
    }

    public ModernRequest Request { get; }

    /// <summary>The caller's stateless session the request travels on.</summary>
    public McpSession Session => _session;

    public string InternalId { get; }

    public string? Subject { get; }

    /// <summary>What ties a retry to this request (made when first needed: most requests never ask for input).</summary>
    public string Digest => _digest ??= RequestStateCodec.Digest(Request.Method, Request.Params);

    /// <summary>The key the held call is found by while it waits for the client's input.</summary>
    public string Handle => _handle ??= Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The JSON-RPC error code of the answer written last, if it was an error (an HTTP answer's status follows it).</summary>
    public int? AnswerErrorCode { get; private set; }

    public override bool AcceptsRelated
    {
        get
        {
            lock (_gate)
            {
                return _state != ExchangeState.Done;
            }
        }
    }

    /// <summary>Sends what the server says from now on to <paramref name="sink"/>, the answer of the first request.</summary>
    public void Attach(ExchangeSink sink)
    {
        lock (_gate)
        {
            _attached = sink;
        }
    }

    public override void WriteRelated(ReadOnlyMemory<byte> message)
    {
        if (JsonNode.Parse(message.Span) is not JsonObject parsed)
        {
            return;
        }

        switch (JsonRpc.Classify(parsed, out var method, out var id))
        {
            case MessageKind.Request:
                OnServerRequest(parsed, method!, id!);
                break;
            case MessageKind.Notification when method == "notifications/progress":
                Deliver(message);
                break;
            case MessageKind.Notification when method == "notifications/message":
                // 2026-07-28: no log message for a request that did not ask for them, none below the level it asked for.
                if (Request.LogLevel is { } least && LogSeverity.Of(parsed["params"]?["level"]?.ToString()) is { } level && level >= least)
                {
                    Deliver(message);
                }

                break;
        }
    }

    public override void WriteResponse(ReadOnlyMemory<byte> message)
    {
        if (JsonNode.Parse(message.Span) is JsonObject answer)
        {
            WriteResponse(answer);
        }
    }

    /// <summary>The final answer of the call (the handler hands it over unserialized: it is edited here anyway).</summary>
    public override void WriteResponse(JsonObject answer)
    {
        ModernResults.Complete(answer, Request.Method, _translator.Facts, _translator.PrivateScope);
        List<PendingInput> orphaned;
        Outgoing? outgoing = null;
        lock (_gate)
        {
            if (_state == ExchangeState.Done)
            {
                return;
            }

            orphaned = [.. _inputs.Values];
            _inputs.Clear();
            if (_attached is { } sink)
            {
                outgoing = Finish(sink, answer);
            }
            else
            {
                // Answered while the client gathers input: its retry gets this (the call stays held until then).
                _finalAnswer = answer;
            }
        }

        if (outgoing is { } done)
        {
            _translator.Held.Release(this);
            done.Send();
        }

        _translator.FailInputs(_session, orphaned, "the request it belonged to has ended");
    }

    /// <summary>
    /// The client's retry, with <paramref name="responses"/> (its <c>inputResponses</c>): answers what it answers, and
    /// attaches the retry's HTTP answer. Anything still unanswered is asked for again at once. False when the call is
    /// not waiting for input any more (it expired, or another retry took it).
    /// </summary>
    public bool Resume(ModernRequest retry, ExchangeSink sink, JsonObject? responses)
    {
        var replies = new List<(PendingInput Input, JsonNode Result)>();
        Outgoing? outgoing = null;
        var finished = false;
        List<ReadOnlyMemory<byte>> related = [];
        lock (_gate)
        {
            if (_state != ExchangeState.AwaitingInput)
            {
                return false;
            }

            _clientId = retry.Id.DeepClone();
            if (_finalAnswer is { } answer)
            {
                outgoing = Finish(sink, answer);
                finished = true;
            }
            else
            {
                foreach (var (key, input) in _inputs.ToList())
                {
                    if (responses?[key] is JsonObject result)
                    {
                        replies.Add((input, result.DeepClone()));
                        _inputs.Remove(key);
                    }
                }

                if (_inputs.Count > 0)
                {
                    outgoing = AskForInput(sink);
                }
                else
                {
                    _state = ExchangeState.Running;
                    _attached = sink;
                    (related, _buffered) = (_buffered, related);
                }
            }
        }

        if (finished)
        {
            _translator.Held.Release(this);
        }

        outgoing?.Send();
        foreach (var message in related)
        {
            sink.WriteRelated(message);
        }

        foreach (var (input, result) in replies)
        {
            _ = _translator.ReplyToServerAsync(_session, input.ServerKey, result, error: null);
        }

        return true;
    }

    /// <summary>
    /// The HTTP answer <paramref name="sink"/> ended. When it ended before its answer (the client closed the stream),
    /// the request is cancelled upstream, as 2026-07-28 says closing a request's stream means.
    /// </summary>
    public void Left(ExchangeSink sink)
    {
        List<PendingInput> orphaned;
        lock (_gate)
        {
            if (_state != ExchangeState.Running || _attached != sink)
            {
                return;
            }

            _state = ExchangeState.Done;
            _attached = null;
            orphaned = [.. _inputs.Values];
            _inputs.Clear();
        }

        _translator.Held.Release(this);
        _ = _translator.CancelAsync(_session, InternalId);
        _translator.FailInputs(_session, orphaned, "the client cancelled the request");
    }

    /// <summary>The client never came back with its input in time: the held call is cancelled upstream.</summary>
    public void Expire()
    {
        List<PendingInput> orphaned;
        lock (_gate)
        {
            if (_state != ExchangeState.AwaitingInput)
            {
                return;
            }

            _state = ExchangeState.Done;
            orphaned = [.. _inputs.Values];
            _inputs.Clear();
        }

        _translator.Held.Release(this);
        _ = _translator.CancelAsync(_session, InternalId);
        _translator.FailInputs(_session, orphaned, "the client did not answer in time");
    }

    private void OnServerRequest(JsonObject message, string method, JsonNode serverKey)
    {
        var capability = ModernProtocol.CapabilityFor(method);
        if (capability is null || !ModernProtocol.AllowsInput(Request.Method) || !Request.Declares(capability))
        {
            var why = capability is null
                ? $"{method} cannot be relayed to a {ModernProtocol.Version} client"
                : $"the client did not declare the {capability} capability on this request";
            Refuse(serverKey, McpProtocol.MethodNotFound, why);
            return;
        }

        var parameters = message["params"]?.DeepClone() as JsonObject ?? new JsonObject();
        Outgoing? outgoing = null;
        lock (_gate)
        {
            if (_state == ExchangeState.Done)
            {
                Refuse(serverKey, McpProtocol.InternalError, "the request it belonged to has ended");
                return;
            }

            if (!_translator.Held.TryHold(this))
            {
                Refuse(serverKey, McpProtocol.InternalError, "too many requests wait for their clients' input");
                return;
            }

            var key = $"{capability}-{++_inputCount}";
            _inputs[key] = new PendingInput(serverKey.DeepClone(), method, parameters);
            if (_state == ExchangeState.Running && _attached is { } sink)
            {
                outgoing = AskForInput(sink);
            }
        }

        _translator.Held.Touch(this);
        outgoing?.Send();
    }

    private void Refuse(JsonNode serverKey, int code, string message) =>
        _ = _translator.ReplyToServerAsync(_session, serverKey, result: null, new JsonObject { ["code"] = code, ["message"] = message });

    /// <summary>
    /// The <c>input_required</c> answer for every input still missing, to go to <paramref name="sink"/>; detaches it.
    /// Under the lock (the answer itself is sent after it: a write to an exchange may run its reader right there).
    /// </summary>
    private Outgoing AskForInput(ExchangeSink sink)
    {
        var requests = new JsonObject();
        foreach (var (key, input) in _inputs)
        {
            requests[key] = new JsonObject { ["method"] = input.Method, ["params"] = input.Params.DeepClone() };
        }

        var state = _translator.States.Sign(Handle, Subject, _translator.Held.ExpiryFromNow(), Request.Method, Digest);
        var result = new JsonObject { ["resultType"] = "input_required", ["inputRequests"] = requests, ["requestState"] = state };
        _attached = null;
        _state = ExchangeState.AwaitingInput;
        return Prepare(sink, JsonRpc.Result(null, result));
    }

    /// <summary>The final answer, to go to <paramref name="sink"/>; under the lock.</summary>
    private Outgoing Finish(ExchangeSink sink, JsonObject answer)
    {
        _attached = null;
        _state = ExchangeState.Done;
        return Prepare(sink, answer);
    }

    private Outgoing Prepare(ExchangeSink sink, JsonObject answer)
    {
        answer["id"] = _clientId.DeepClone();
        AnswerErrorCode = answer["error"]?["code"] is JsonValue code && code.TryGetValue(out int value) ? value : null;
        return new Outgoing(sink, JsonRpc.ToUtf8(answer));
    }

    private void Deliver(ReadOnlyMemory<byte> message)
    {
        ExchangeSink? target = null;
        lock (_gate)
        {
            if (_attached is { AcceptsRelated: true } sink)
            {
                target = sink;
            }
            else if (_state == ExchangeState.AwaitingInput && _buffered.Count < MaxBufferedRelated)
            {
                _buffered.Add(message);
            }
        }

        target?.WriteRelated(message);
    }

    /// <summary>An answer decided under the lock, written after it.</summary>
    private readonly record struct Outgoing(ExchangeSink Sink, byte[] Bytes)
    {
        public void Send() => Sink.WriteResponse(Bytes);
    }

    private enum ExchangeState
    {
        Running,
        AwaitingInput,
        Done,
    }
}
