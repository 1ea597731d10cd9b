#!/usr/bin/env bash
# The API's token key for the kind cluster of scripts/kind-up.sh: the API refuses to start without
# a key to verify users' tokens with, and the chart has none by default. Makes an RSA key pair in
# DIR once (kept: tokens signed earlier stay valid), and writes DIR/jwt-values.yaml, a values file
# setting api.jwt.publicKey.pem to its public half. Prints that file's path.
#
#   scripts/kind/jwt-values.sh DIR
#
# Sign tokens with DIR/jwt-private.pem (PKCS#8), e.g. with the API image's MintToken
# (docs/install.md, "kind").
set -euo pipefail

DIR=${1:?usage: jwt-values.sh DIR}
command -v openssl >/dev/null || { echo "jwt-values: ERROR: openssl is not on PATH" >&2; exit 1; }
mkdir -p "$DIR"
if [ ! -s "$DIR/jwt-private.pem" ]; then
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/jwt-private.pem" 2>/dev/null)
fi
openssl pkey -in "$DIR/jwt-private.pem" -pubout -out "$DIR/jwt-public.pem"
{
  echo "# Made by scripts/kind/jwt-values.sh: the public half of $DIR/jwt-private.pem."
  echo "api:"
  echo "  jwt:"
  echo "    publicKey:"
  echo "      pem: |"
  sed 's/^/        /' "$DIR/jwt-public.pem"
} >"$DIR/jwt-values.yaml"
echo "$DIR/jwt-values.yaml"
