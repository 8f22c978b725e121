#!/bin/sh
# Makes a CUPS print queue "Waypoint-PDF" that writes each job to a PDF file, so the
# report's print() can be tested against real CUPS. Run as root. Safe to run again:
# every step checks first and does nothing when already done.
#
# Debian packages: cups, printer-driver-cups-pdf. No systemd is assumed: cupsd is
# started directly when it is not running.
set -eu

QUEUE="${WAYPOINT_CUPS_QUEUE:-Waypoint-PDF}"

if [ "$(id -u)" -ne 0 ]; then
    echo "cups-test-queue.sh: run as root (it installs packages and starts cupsd)" >&2
    exit 1
fi

# Two test processes may run this at once; one cupsd and one queue are wanted.
if command -v flock >/dev/null 2>&1; then
    exec 9>/run/waypoint-cups-test-queue.lock
    flock 9
fi

need=""
command -v cupsd >/dev/null 2>&1 || need="$need cups"
command -v lpadmin >/dev/null 2>&1 || need="$need cups-client"
[ -x /usr/lib/cups/backend/cups-pdf ] || need="$need printer-driver-cups-pdf"
if [ -n "$need" ]; then
    echo "installing:$need"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d stops the packages' maintainer scripts from trying to start
    # services through an init system that is not there.
    created_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        created_policy=1
    fi
    apt-get install -y --no-install-recommends $need || {
        apt-get update && apt-get install -y --no-install-recommends $need
    }
    [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
fi

# cupsd answers on its local socket once it is up; lpstat -r says so.
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    echo "starting cupsd"
    mkdir -p /run/cups
    cupsd
    i=0
    until lpstat -r 2>/dev/null | grep -q "is running"; do
        i=$((i + 1))
        if [ "$i" -gt 50 ]; then
            echo "cupsd did not start; see /var/log/cups/error_log" >&2
            exit 1
        fi
        sleep 0.2
    done
fi

if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
    # The PPD's path differs between cups-pdf versions; take the one CUPS lists,
    # preferring the variant with options (CUPS-PDF_opt.ppd).
    models="$(lpinfo -m 2>/dev/null | awk 'tolower($1) ~ /cups-pdf/ { print $1 }')"
    ppd="$(printf '%s\n' "$models" | grep -i '_opt\.ppd$' | head -n 1 || true)"
    [ -n "$ppd" ] || ppd="$(printf '%s\n' "$models" | head -n 1)"
    if [ -z "$ppd" ]; then
        echo "no cups-pdf PPD found by 'lpinfo -m'" >&2
        exit 1
    fi
    echo "creating queue $QUEUE with $ppd"
    lpadmin -p "$QUEUE" -E -v cups-pdf:/ -m "$ppd"
fi
# Also after a restart: a queue left disabled or rejecting would hang the test.
cupsenable "$QUEUE"
cupsaccept "$QUEUE"

out="$(awk '$1 == "Out" { print $2 }' /etc/cups/cups-pdf.conf 2>/dev/null || true)"
echo "queue $QUEUE ready; cups-pdf writes to ${out:-/var/spool/cups-pdf/\${USER\}} (see /etc/cups/cups-pdf.conf)"
