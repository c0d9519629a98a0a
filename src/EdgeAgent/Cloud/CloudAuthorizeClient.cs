using System.Text;
using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Asks the cloud whether an idTag may charge (<c>authorize</c>, docs/mqtt.md) and waits for its
/// answer, at most the given time. Null when there is no answer: the link is down, the time ran
/// out, or the answer could not be read; the caller's offline rule decides then.
/// </summary>
public sealed class CloudAuthorizeClient(CloudAuthorizeRequests requests, TimeProvider time)
{
    public async Task<CloudAuthorizeAnswer?> AskAsync(string chargerId, int? connectorId, string idTag, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (id, answer) = requests.Open();
        try
        {
            if (!await requests.TrySendAsync(CloudTopics.Authorize, Request(id, chargerId, connectorId, idTag, time.GetUtcNow()), CloudTopics.AuthorizeResult, Encoding.UTF8.GetBytes(id), cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return await answer.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            requests.Close(id);
        }
    }

    /// <summary><c>{"id","idTag","chargerId","connectorId","ts"}</c>; connectorId is null when the charger asks before a connector is chosen (OCPP Authorize).</summary>
    public static string Request(string id, string chargerId, int? connectorId, string idTag, DateTimeOffset ts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("idTag", idTag);
            json.WriteString("chargerId", chargerId);
            if (connectorId is { } connector)
            {
                json.WriteNumber("connectorId", connector);
            }
            else
            {
                json.WriteNull("connectorId");
            }

            json.WriteString("ts", ts.UtcDateTime);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
