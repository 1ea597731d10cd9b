package io.kubejudge.api.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mints bearer tokens for local use, signed with the dev key unless {@code --key} names another
 * PKCS#8 PEM file. Not a login service: whoever holds the key can mint any token.
 *
 * <pre>
 * java -cp 'api/target/quarkus-app/lib/main/*:api/target/quarkus-app/lib/boot/*:api/target/quarkus-app/app/*' \
 *     io.kubejudge.api.auth.MintToken --user 42 --role submitter [--role admin] [--contest] \
 *     [--ttl 3600] [--key privateKey.pem] [--issuer kubejudge]
 * </pre>
 */
public final class MintToken {

    static final String DEV_KEY = "dev-keys/privateKey.pem";
    private static final String USAGE = "usage: MintToken --user ID [--role submitter|admin]... [--contest]"
            + " [--ttl SECONDS] [--key PRIVATE_KEY_PEM] [--issuer ISSUER]";

    /** What a token says. */
    public record Options(String user, Set<String> roles, boolean contest, long ttlSeconds, Path key, String issuer) {
        public static Options of(String user, String... roles) {
            return new Options(user, new LinkedHashSet<>(List.of(roles)), false, 3600, null, "kubejudge");
        }

        public Options inContest() {
            return new Options(user, roles, true, ttlSeconds, key, issuer);
        }

        public Options expiringIn(long seconds) {
            return new Options(user, roles, contest, seconds, key, issuer);
        }

        public Options issuedBy(String iss) {
            return new Options(user, roles, contest, ttlSeconds, key, iss);
        }
    }

    private MintToken() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            out.println(mint(options));
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            err.println("cannot read the signing key: " + e.getMessage());
            return 1;
        }
    }

    public static String mint(Options o) throws IOException, GeneralSecurityException {
        JwtClaimsBuilder claims = Jwt.issuer(o.issuer())
                .subject(o.user())
                .claim(Roles.USER_ID_CLAIM, o.user())
                .groups(o.roles())
                .expiresIn(o.ttlSeconds());
        if (o.contest()) {
            claims.claim(Roles.CONTEST_CLAIM, true);
        }
        return claims.jws().keyId("kubejudge-dev").sign(readKey(o.key()));
    }

    static Options parse(String[] args) {
        String user = null;
        Set<String> roles = new LinkedHashSet<>();
        boolean contest = false;
        long ttl = 3600;
        Path key = null;
        String issuer = "kubejudge";
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--user" -> user = value(flag, rest);
                case "--role" -> {
                    String role = value(flag, rest);
                    if (!role.equals(Roles.SUBMITTER) && !role.equals(Roles.ADMIN)) {
                        throw new IllegalArgumentException("--role must be submitter or admin, not '" + role + "'");
                    }
                    roles.add(role);
                }
                case "--contest" -> contest = true;
                case "--ttl" -> {
                    String v = value(flag, rest);
                    try {
                        ttl = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--ttl must be a number of seconds, not '" + v + "'");
                    }
                    if (ttl < 1 || ttl > 31_536_000) {
                        throw new IllegalArgumentException("--ttl must be between 1 and 31536000 seconds");
                    }
                }
                case "--key" -> key = Path.of(value(flag, rest));
                case "--issuer" -> issuer = value(flag, rest);
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--user is required");
        }
        if (roles.isEmpty()) {
            roles.add(Roles.SUBMITTER);
        }
        return new Options(user, roles, contest, ttl, key, issuer);
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem;
        if (file != null) {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } else {
            try (InputStream in = MintToken.class.getClassLoader().getResourceAsStream(DEV_KEY)) {
                if (in == null) {
                    throw new IOException(DEV_KEY + " is not on the classpath");
                }
                pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
