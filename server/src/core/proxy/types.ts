/**
 * The data kube-proxy works from and the rules it writes, as plain objects. Upstream names:
 * pkg/proxy/serviceport.go (ServicePort), pkg/proxy/endpoint.go (Endpoint), pkg/proxy/iptables/proxier.go.
 */

/** The node and kube-proxy settings; the first eight keys are those of ../shared/vectors/iptables/*∕config.json. */
export interface ProxyConfig {
  nodeName: string;
  /** The node's IPv4 address (its primary address when family is 4). */
  nodeIP: string;
  /** Local-traffic detection by cluster CIDR; `v4,v6` for dual-stack. Empty: no detection (rules that need it are left out). */
  clusterCIDR?: string;
  /** `0x4000` by default (--iptables-masquerade-bit 14). */
  masqueradeMark?: string;
  localhostNodePorts?: boolean;
  /** nfacct counters exist (kube-proxy then adds `-m nfacct` matches). */
  nfacct?: boolean;
  /** iptables supports --random-fully (added to the MASQUERADE rule). */
  randomFully?: boolean;
  proxyMode?: ProxyMode;
  masqueradeAll?: boolean;
  /** --nodeport-addresses: CIDRs or `primary`; empty = all local addresses. */
  nodePortAddresses?: string[];
  /** --ipvs-scheduler (rr by default). */
  ipvsScheduler?: string;
  /** The node's topology.kubernetes.io/zone label (topology hints). */
  nodeZone?: string;
  /** The node's IPv6 address (used when family is 6). */
  nodeIPv6?: string;
  /** Which proxier: kube-proxy runs one per IP family (iptables vs ip6tables). Default 4. */
  family?: 4 | 6;
  /** The Service CIDRs (ServiceCIDR objects; `v4,v6`): nftables drops traffic to their unallocated IPs. */
  serviceCIDR?: string;
  /** nf_conntrack_tcp_be_liberal is set: no INVALID drop rule. */
  conntrackTCPLiberal?: boolean;
}

export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Endpoint {
  ip: string;
  port: number;
  /** `ip:port`, or `[ip]:port` for IPv6: the sort key and the input of the KUBE-SEP hash. */
  key: string;
  nodeName?: string;
  zone?: string;
  local: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  zoneHints?: string[];
  /** KUBE-SEP-… */
  chain: string;
}

export interface ServicePort {
  namespace: string;
  name: string;
  portName: string;
  /** `ns/name:portName` (`ns/name` when the port has no name): comments and hashes use it. */
  spn: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** ClientIP affinity timeout in seconds; undefined when sessionAffinity is None. */
  affinitySeconds?: number;
  /** Every endpoint of this family, sorted by key (upstream order). */
  endpoints: Endpoint[];
  /** Endpoints for Cluster traffic policy (ready, else serving+terminating; topology-filtered). */
  clusterEndpoints: Endpoint[];
  /** Endpoints for Local traffic policy. */
  localEndpoints: Endpoint[];
  /** Every endpoint some rule may DNAT to (the KUBE-SEP chains written). */
  reachableEndpoints: Endpoint[];
  /** The service has usable endpoints somewhere in the cluster. */
  hasEndpoints: boolean;
  chains: { svc: string; svl: string; ext: string; fw: string };
}

export interface ProxyModel {
  family: 4 | 6;
  servicePorts: ServicePort[];
  /** Endpoints of all service ports; over 1000 kube-proxy drops some comments ("large cluster mode"). */
  totalEndpoints: number;
}

export type Table = 'filter' | 'nat';

/** One match of a rule, in the order kube-proxy writes it. */
export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp -p tcp`: the protocol and its match module; a following `dport` belongs to the module. */
  | { m: 'proto'; proto: string }
  | { m: 'dport'; port: number }
  | { m: 'src'; cidr: string; not?: boolean }
  | { m: 'dst'; cidr: string; not?: boolean }
  | { m: 'addrtype'; dir: 'src' | 'dst'; type: 'LOCAL'; not?: boolean }
  /** `-p tcp` alone (IPVS mode's set rules), without the tcp match module. */
  | { m: 'protocol'; proto: string }
  | { m: 'conntrack'; states: string; not?: boolean }
  | { m: 'nfacct'; name: string }
  | { m: 'mark'; mark: string; not?: boolean }
  | { m: 'statistic'; probability: string }
  /** IPVS mode: `-m set --match-set NAME dst,dst` */
  | { m: 'set'; name: string; flags: string }
  | { m: 'physdev'; notIsIn: true }
  /** IPVS mode (KUBE-IPVS-OUT-FILTER): `-m ipvs --vaddr IP --vproto tcp --vport N` */
  | { m: 'ipvs'; vaddr: string; vproto: string; vport: number }
  | { m: 'recent'; name: string; set: true }
  | { m: 'recent'; name: string; rcheck: true; seconds: number };

export type Target =
  | { j: string } // a chain, ACCEPT, DROP, REJECT, RETURN
  | { j: 'DNAT'; to: string }
  | { j: 'MARK'; orMark?: string; xorMark?: string }
  | { j: 'MASQUERADE'; randomFully?: boolean };

export interface Rule {
  table: Table;
  chain: string;
  matches: Match[];
  /** Absent for the KUBE-FW "other traffic … will be dropped" rule, which only counts. */
  target?: Target;
}

/** A table's chains in order, each with its rules (as data, or rendered: text lines, possibly joined per chain). */
export interface TableRules<R = Rule> {
  table: Table;
  chains: Array<{ name: string; rules: R[] }>;
}
