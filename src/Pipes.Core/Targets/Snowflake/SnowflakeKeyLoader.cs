using System.Security.Cryptography;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Loads the user's RSA private key (PKCS#8 PEM, encrypted or not) from a file or inline text.</summary>
public static class SnowflakeKeyLoader
{
    /// <summary>Loads the key named by the settings.</summary>
    /// <exception cref="TargetException">With a <see cref="SnowflakeClientCodes"/> code; never quotes the key or passphrase.</exception>
    public static RSA Load(SnowflakeSettings settings)
    {
        var pem = ReadPem(settings);
        var rsa = RSA.Create();
        try
        {
            if (pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
            {
                if (string.IsNullOrEmpty(settings.PrivateKeyPassphrase))
                {
                    throw new TargetException(
                        "The private key is encrypted but no private_key_passphrase is set.",
                        code: SnowflakeClientCodes.KeyPassphrase);
                }
                rsa.ImportFromEncryptedPem(pem, settings.PrivateKeyPassphrase);
            }
            else
            {
                rsa.ImportFromPem(pem);
            }
            return rsa;
        }
        catch (CryptographicException e) when (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            rsa.Dispose();
            // The inner exception is dropped on purpose: it may echo key material.
            throw new TargetException(
                $"The private key could not be decrypted: the passphrase is wrong or the key is damaged ({e.GetType().Name}).",
                code: SnowflakeClientCodes.KeyPassphrase);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new TargetException(
                "The private key is not an RSA key in PEM form (expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----').",
                code: SnowflakeClientCodes.KeyFormat);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Standard Base64 SHA-256 of the DER SubjectPublicKeyInfo, as <c>DESC USER</c> shows in RSA_PUBLIC_KEY_FP.</summary>
    public static string Fingerprint(RSA key) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static string ReadPem(SnowflakeSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.PrivateKey))
        {
            // Keys passed through environment variables often carry literal "\n" sequences.
            return settings.PrivateKey.Replace("\\n", "\n", StringComparison.Ordinal);
        }
        if (string.IsNullOrWhiteSpace(settings.PrivateKeyPath))
        {
            throw new TargetException(
                "Key-pair authentication needs private_key_path or private_key.",
                code: SnowflakeClientCodes.KeyMissing);
        }
        var path = ExpandHome(settings.PrivateKeyPath);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new TargetException($"The private key file '{path}' does not exist.", code: SnowflakeClientCodes.KeyMissing);
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TargetException(
                $"The private key file '{path}' could not be read: {e.Message}", code: SnowflakeClientCodes.KeyUnreadable, inner: e);
        }
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
