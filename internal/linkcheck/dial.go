package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// PublicOnly is the default address policy: global unicast addresses only.
// Loopback, private (RFC 1918, fc00::/7), link-local, CGNAT (100.64/10),
// unspecified, multicast and documentation ranges are refused.
func PublicOnly(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || !a.IsGlobalUnicast() {
		return false
	}
	for _, p := range refused {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

var refused = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64 can reach private IPv4
}

// AllowAll allows every address (--allow-private).
func AllowAll(netip.Addr) bool { return true }

// refusedError is a connection the address policy did not allow.
type refusedError struct {
	host string
	addr netip.Addr
}

func (e *refusedError) Error() string {
	if e.host != "" && e.host != e.addr.String() {
		return fmt.Sprintf("%s resolves to %s, a private, loopback or link-local address", e.host, e.addr)
	}
	return fmt.Sprintf("%s is a private, loopback or link-local address", e.addr)
}

// dialer connects only to allowed addresses. The host is resolved here, each
// address checked before connecting, and the address actually connected to
// checked again in the socket's Control hook, so neither DNS answers nor
// redirects can lead to a refused address.
type dialer struct {
	allow   func(netip.Addr) bool
	resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	timeout time.Duration
}

func (d *dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		addrs = []netip.Addr{a}
	} else {
		addrs, err = d.resolve(ctx, host)
		if err != nil {
			return nil, err
		}
	}
	var firstRefused error
	var lastErr error
	for _, a := range addrs {
		if !d.allow(a) {
			if firstRefused == nil {
				firstRefused = &refusedError{host: host, addr: a}
			}
			continue
		}
		nd := &net.Dialer{Timeout: d.timeout, Control: d.control(host)}
		c, err := nd.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return c, nil
		}
		lastErr = err
	}
	if lastErr != nil {
		return nil, lastErr
	}
	if firstRefused != nil {
		return nil, firstRefused
	}
	return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
}

// control refuses the connection when the address about to be connected to
// is not allowed.
func (d *dialer) control(host string) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return err
		}
		if !d.allow(ap.Addr()) {
			return &refusedError{host: host, addr: ap.Addr()}
		}
		return nil
	}
}

// systemResolve resolves a host with the system resolver.
func systemResolve(ctx context.Context, host string) ([]netip.Addr, error) {
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	return ips, nil
}

// isRefused reports whether err is an address-policy refusal.
func isRefused(err error) (*refusedError, bool) {
	var re *refusedError
	if errors.As(err, &re) {
		return re, true
	}
	return nil, false
}
