import { describe, expect, it } from 'vitest';
import { embeddedIpv4, isPublicAddress } from './address-rules.js';

describe('outbound address rules', () => {
  it('refuses private, loopback, link-local and special IPv4 ranges', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('allows ordinary public IPv4 addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '93.184.216.34'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses loopback, unique-local, link-local and multicast IPv6, and private IPv4 carried inside IPv6', () => {
    for (const address of [
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:c0a8:101::1',
      '2001:db8::1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('allows public IPv6, and public IPv4 carried inside IPv6', () => {
    for (const address of ['2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('finds the IPv4 inside mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIpv4('::ffff:192.168.1.1')).toBe('192.168.1.1');
    expect(embeddedIpv4('64:ff9b::c0a8:101')).toBe('192.168.1.1');
    expect(embeddedIpv4('2002:c0a8:0101::')).toBe('192.168.1.1');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });

  it('treats anything that is not an IP literal as not public', () => {
    expect(isPublicAddress('localhost')).toBe(false);
    expect(isPublicAddress('')).toBe(false);
  });
});
