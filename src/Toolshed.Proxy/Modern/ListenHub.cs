using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The open <c>subscriptions/listen</c> streams of one endpoint (at most <see cref="MaxListeners"/>), and how many of a
/// caller's streams want each resource: the upstream subscription (<c>resources/subscribe</c> on the caller's
/// stateless session) is made for the first and dropped with the last.
/// </summary>
internal sealed class ListenHub
{
    public const int MaxListeners = 256;

    private readonly Lock _gate = new();
    private readonly List<Listener> _listeners = [];
    private readonly Dictionary<(string Subject, string Uri), int> _wanted = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="listener"/>; false when the endpoint has too many. <paramref name="subscribe"/>
    /// gets the URIs no stream of its caller wanted before.</summary>
    public bool TryAdd(Listener listener, out List<string> subscribe)
    {
        subscribe = [];
        lock (_gate)
        {
            if (_listeners.Count >= MaxListeners)
            {
                return false;
            }

            _listeners.Add(listener);
            foreach (var uri in listener.Filter.Uris)
            {
                var key = (listener.SubjectKey, uri);
                _wanted[key] = _wanted.GetValueOrDefault(key) + 1;
                if (_wanted[key] == 1)
                {
                    subscribe.Add(uri);
                }
            }

            return true;
        }
    }

    /// <summary>Removes <paramref name="listener"/>; returns the URIs no stream of its caller wants any more.</summary>
    public List<string> Remove(Listener listener)
    {
        var unsubscribe = new List<string>();
        lock (_gate)
        {
            if (!_listeners.Remove(listener))
            {
                return unsubscribe;
            }

            foreach (var uri in listener.Filter.Uris)
            {
                var key = (listener.SubjectKey, uri);
                if (_wanted.TryGetValue(key, out var count) && count <= 1)
                {
                    _wanted.Remove(key);
                    unsubscribe.Add(uri);
                }
                else if (count > 1)
                {
                    _wanted[key] = count - 1;
                }
            }
        }

        return unsubscribe;
    }

    /// <summary>Hands a notification that reached <paramref name="subjectKey"/>'s stateless session to its streams.</summary>
    public void Dispatch(string subjectKey, JsonObject notification, string method)
    {
        var uri = notification["params"]?["uri"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                if (listener.SubjectKey == subjectKey)
                {
                    listener.Offer(notification, method, uri);
                }
            }
        }
    }

    /// <summary>Ends the streams of one caller (its stateless session ended).</summary>
    public void CloseSubject(string subjectKey)
    {
        lock (_gate)
        {
            foreach (var listener in _listeners.Where(l => l.SubjectKey == subjectKey))
            {
                listener.Close();
            }
        }
    }

    public void CloseAll()
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                listener.Close();
            }
        }
    }
}
