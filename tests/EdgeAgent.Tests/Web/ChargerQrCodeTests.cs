using System.Globalization;
using System.Text.RegularExpressions;
using ChargeNet.EdgeAgent.Web.Driver;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ChargeNet.EdgeAgent.Tests.Web;

/// <summary>
/// The stickers' QR codes (docs/web.md, "QR stickers"): the SVG the edge serves, read back module by
/// module and decoded by an independent reader (ZXing), carries the driver's page address at error
/// correction level M; the base address is checked.
/// </summary>
public sealed partial class ChargerQrCodeTests
{
    [Theory]
    [InlineData("http://192.168.1.10:8080/c/CP001")]
    [InlineData("https://garage-42.example.org/edge/c/Deck%202%20%C3%96st")]
    public void The_served_SVG_decodes_to_the_driver_page_address_at_level_M(string url)
    {
        var result = Decode(ChargerQrCode.Svg(url));

        Assert.Equal(url, result.Text);
        Assert.Equal("M", result.ResultMetadata[ResultMetadataType.ERROR_CORRECTION_LEVEL]);
    }

    [Theory]
    [InlineData("http://192.168.1.10:8080", "CP001", "http://192.168.1.10:8080/c/CP001")]
    [InlineData("https://edge.example.org/site/", "Deck 2", "https://edge.example.org/site/c/Deck%202")]
    [InlineData("ftp://edge", "CP001", null)]
    [InlineData("edge:8080", "CP001", null)]
    [InlineData("/relative", "CP001", null)]
    [InlineData("http://edge/?x=1", "CP001", null)]
    [InlineData("http://edge/#top", "CP001", null)]
    [InlineData("http://user:pw@edge", "CP001", null)]
    [InlineData("", "CP001", null)]
    [InlineData(null, "CP001", null)]
    public void The_sticker_address_is_the_driver_page_under_an_absolute_http_base(string? @base, string chargerId, string? expected) =>
        Assert.Equal(expected, StickerApi.DriverPageUrl(@base, chargerId));

    [Fact]
    public void A_base_longer_than_the_bound_is_refused() =>
        Assert.Null(StickerApi.DriverPageUrl("http://edge/" + new string('a', StickerApi.MaxBaseLength), "CP001"));

    // Draws the SVG's modules (M{x},{y}h1v1h-1z) at 4 pixels each and lets ZXing find and read the code.
    private static Result Decode(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        const int scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (Match module in Module().Matches(svg))
        {
            var (x, y) = (int.Parse(module.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(module.Groups[2].Value, CultureInfo.InvariantCulture));
            for (var dy = 0; dy < scale; dy++)
            {
                Array.Fill(pixels, (byte)0, ((y * scale) + dy) * size * scale + x * scale, scale);
            }
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, size * scale, size * scale, RGBLuminanceSource.BitmapFormat.Gray8)));
        return new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true })
            ?? throw new InvalidOperationException("ZXing found no QR code in the SVG");
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\1\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+),(\\d+)h1v1h-1z")]
    private static partial Regex Module();
}
