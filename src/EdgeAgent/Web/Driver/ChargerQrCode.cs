using System.Globalization;
using System.Text;
using QRCoder;

namespace ChargeNet.EdgeAgent.Web.Driver;

/// <summary>
/// The QR code of a charger's sticker (docs/web.md, "QR stickers"): a QR code per ISO/IEC 18004
/// (byte mode for a URL, error correction level M — a sticker in a car park gets scratched), encoded
/// by the QRCoder package, drawn as SVG with its 4-module quiet zone.
/// </summary>
public static class ChargerQrCode
{
    /// <summary>The dark (true) and light modules, row by row, the quiet zone included.</summary>
    public static bool[][] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
    }

    /// <summary>An SVG of the code, one unit per module, to be printed at any size.</summary>
    public static string Svg(string text)
    {
        var modules = Modules(text);
        var size = modules.Length.ToString(CultureInfo.InvariantCulture);
        var path = new StringBuilder();
        for (var y = 0; y < modules.Length; y++)
        {
            for (var x = 0; x < modules[y].Length; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x},{y}h1v1h-1z");
                }
            }
        }

        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
