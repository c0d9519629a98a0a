using System.Text;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class OcppFrameCodecTests
{
    // The BootNotification example of OCPP-J 1.6 section 4.2.1, byte for byte.
    private const string SpecCall = "[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"VendorX\",\"chargePointModel\":\"SingleSocketCharger\"}]";
    private const string SpecResult = "[3,\"19223201\",{\"currentTime\":\"2013-02-01T20:53:32.486Z\",\"interval\":300,\"status\":\"Accepted\"}]";

    [Theory]
    [InlineData(SpecCall)]
    [InlineData(SpecResult)]
    [InlineData("[4,\"162376037\",\"NotSupported\",\"SetDisplayMessageRequest not implemented\",{}]")]
    public void Frames_round_trip_byte_exact(string text)
    {
        Assert.True(OcppFrameCodec.TryDecode(Encoding.UTF8.GetBytes(text), out var frame, out var failure), failure?.Description);
        Assert.Equal(text, Encoding.UTF8.GetString(OcppFrameCodec.Encode(frame!)));
    }

    [Fact]
    public void A_call_decodes_into_id_action_and_payload()
    {
        Assert.True(OcppFrameCodec.TryDecode(Encoding.UTF8.GetBytes(SpecCall), out var frame, out _));
        var call = Assert.IsType<OcppCall>(frame);
        Assert.Equal(("19223201", "BootNotification", "VendorX"), (call.MessageId, call.Action, call.Payload.GetProperty("chargePointVendor").GetString()));
    }

    [Theory]
    [InlineData("[2,\"a\",\"Heartbeat\"", "-1", OcppErrorCode.FormationViolation, true)]
    [InlineData("42", "-1", OcppErrorCode.FormationViolation, true)]
    [InlineData("[2,17,\"Heartbeat\",{}]", "-1", OcppErrorCode.FormationViolation, true)]
    [InlineData("[2,\"1234567890123456789012345678901234567\",\"Heartbeat\",{}]", "-1", OcppErrorCode.FormationViolation, true)]
    [InlineData("[2,\"a\",\"Heartbeat\"]", "a", OcppErrorCode.ProtocolError, true)]
    [InlineData("[2,\"a\",\"\",{}]", "a", OcppErrorCode.FormationViolation, true)]
    [InlineData("[2,\"a\",\"Heartbeat\",\"{}\"]", "a", OcppErrorCode.FormationViolation, true)]
    [InlineData("[5,\"a\",\"Heartbeat\",{}]", "a", OcppErrorCode.ProtocolError, true)]
    [InlineData("[3,\"a\"]", "a", OcppErrorCode.FormationViolation, false)]
    [InlineData("[4,\"a\",\"GenericError\"]", "a", OcppErrorCode.FormationViolation, false)]
    public void Broken_frames_say_what_to_answer(string text, string messageId, string code, bool reply)
    {
        Assert.False(OcppFrameCodec.TryDecode(Encoding.UTF8.GetBytes(text), out _, out var failure));
        Assert.Equal((messageId, code, reply), (failure!.MessageId, failure.ErrorCode, failure.ShouldReply));
    }

    [Fact]
    public void A_call_error_without_details_gets_an_empty_object()
    {
        var bytes = OcppFrameCodec.Encode(new OcppCallError("7", OcppErrorCode.SecurityError, "not booted"));
        Assert.Equal("[4,\"7\",\"SecurityError\",\"not booted\",{}]", Encoding.UTF8.GetString(bytes));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(bytes).RootElement.ValueKind);
    }
}
