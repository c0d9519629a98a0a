using System.Buffers;
using System.Text.Json;

namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>
/// Encodes and decodes OCPP-J frames (OCPP-J 1.6, section 4). Pure: bytes in, frames out; it
/// never touches a socket and never looks inside a payload (that is the schema validator's job).
/// </summary>
public static class OcppFrameCodec
{
    /// <summary>Message ids are at most 36 characters (OCPP-J 1.6, section 4.1).</summary>
    public const int MaxMessageIdLength = 36;

    /// <summary>The id a CALLERROR carries when the offending frame's id could not be read.</summary>
    public const string UnknownMessageId = "-1";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>Decodes one complete UTF-8 text message into a frame, or says why it cannot.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> utf8, out OcppFrame? frame, out OcppDecodeFailure? failure)
    {
        frame = null;
        failure = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            failure = new(UnknownMessageId, OcppErrorCode.FormationViolation, "The message is not valid JSON: " + e.Message, true);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3)
            {
                // A broken reply is never answered (OCPP-J 1.6, section 4.2.3: CALLERROR answers a CALL only).
                var isReply = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0
                    && root[0].ValueKind == JsonValueKind.Number && root[0].TryGetInt32(out var kind)
                    && kind is (int)OcppMessageTypeId.CallResult or (int)OcppMessageTypeId.CallError;
                var id = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 1 && root[1].ValueKind == JsonValueKind.String
                    ? root[1].GetString()! : UnknownMessageId;
                var code = id == UnknownMessageId ? OcppErrorCode.FormationViolation : OcppErrorCode.ProtocolError;
                failure = new(id, isReply ? OcppErrorCode.FormationViolation : code, "The message is not a JSON array of at least 3 elements.", !isReply);
                return false;
            }

            var typeElement = root[0];
            var idElement = root[1];
            if (idElement.ValueKind != JsonValueKind.String)
            {
                failure = new(UnknownMessageId, OcppErrorCode.FormationViolation, "The message id (element 2) is not a string.", true);
                return false;
            }

            var messageId = idElement.GetString()!;
            if (typeElement.ValueKind != JsonValueKind.Number || !typeElement.TryGetInt32(out var typeId))
            {
                failure = new(messageId, OcppErrorCode.FormationViolation, "The message type id (element 1) is not an integer.", true);
                return false;
            }

            var isCall = typeId == (int)OcppMessageTypeId.Call;
            if (messageId.Length is 0 or > MaxMessageIdLength)
            {
                failure = new(UnknownMessageId, OcppErrorCode.FormationViolation, $"The message id must be 1 to {MaxMessageIdLength} characters.", isCall);
                return false;
            }

            return (OcppMessageTypeId)typeId switch
            {
                OcppMessageTypeId.Call => TryDecodeCall(root, messageId, out frame, out failure),
                OcppMessageTypeId.CallResult => TryDecodeCallResult(root, messageId, out frame, out failure),
                OcppMessageTypeId.CallError => TryDecodeCallError(root, messageId, out frame, out failure),
                _ => Fail(new(messageId, OcppErrorCode.ProtocolError, $"Unknown message type id {typeId}.", true, UnknownMessageType: true), out failure),
            };
        }
    }

    /// <summary>Encodes a frame as UTF-8 JSON.</summary>
    public static byte[] Encode(OcppFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            switch (frame)
            {
                case OcppCall call:
                    writer.WriteNumberValue((int)OcppMessageTypeId.Call);
                    writer.WriteStringValue(call.MessageId);
                    writer.WriteStringValue(call.Action);
                    call.Payload.WriteTo(writer);
                    break;
                case OcppCallResult result:
                    writer.WriteNumberValue((int)OcppMessageTypeId.CallResult);
                    writer.WriteStringValue(result.MessageId);
                    result.Payload.WriteTo(writer);
                    break;
                case OcppCallError error:
                    writer.WriteNumberValue((int)OcppMessageTypeId.CallError);
                    writer.WriteStringValue(error.MessageId);
                    writer.WriteStringValue(error.ErrorCode);
                    writer.WriteStringValue(error.Description);
                    if (error.Details is { } details)
                    {
                        details.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteStartObject();
                        writer.WriteEndObject();
                    }

                    break;
                default:
                    throw new ArgumentException("Unknown frame type " + frame.GetType().Name, nameof(frame));
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryDecodeCall(JsonElement root, string messageId, out OcppFrame? frame, out OcppDecodeFailure? failure)
    {
        frame = null;
        if (root.GetArrayLength() != 4)
        {
            return Fail(new(messageId, OcppErrorCode.ProtocolError, $"A CALL has 4 elements; this one has {root.GetArrayLength()}.", true), out failure);
        }

        if (root[2].ValueKind != JsonValueKind.String || root[2].GetString() is not { Length: > 0 } action)
        {
            return Fail(new(messageId, OcppErrorCode.FormationViolation, "The action (element 3) is not a non-empty string.", true), out failure);
        }

        if (root[3].ValueKind != JsonValueKind.Object)
        {
            return Fail(new(messageId, OcppErrorCode.FormationViolation, $"The payload of {action} is not a JSON object.", true, PayloadMalformed: true), out failure);
        }

        failure = null;
        frame = new OcppCall(messageId, action, root[3].Clone());
        return true;
    }

    private static bool TryDecodeCallResult(JsonElement root, string messageId, out OcppFrame? frame, out OcppDecodeFailure? failure)
    {
        frame = null;
        if (root.GetArrayLength() != 3 || root[2].ValueKind != JsonValueKind.Object)
        {
            return Fail(new(messageId, OcppErrorCode.FormationViolation, "A CALLRESULT is [3, id, {payload}].", false), out failure);
        }

        failure = null;
        frame = new OcppCallResult(messageId, root[2].Clone());
        return true;
    }

    private static bool TryDecodeCallError(JsonElement root, string messageId, out OcppFrame? frame, out OcppDecodeFailure? failure)
    {
        frame = null;
        if (root.GetArrayLength() != 5 || root[2].ValueKind != JsonValueKind.String || root[3].ValueKind != JsonValueKind.String)
        {
            return Fail(new(messageId, OcppErrorCode.FormationViolation, "A CALLERROR is [4, id, code, description, {details}].", false), out failure);
        }

        failure = null;
        frame = new OcppCallError(messageId, root[2].GetString()!, root[3].GetString()!, root[4].Clone());
        return true;
    }

    private static bool Fail(OcppDecodeFailure value, out OcppDecodeFailure? failure)
    {
        failure = value;
        return false;
    }
}
