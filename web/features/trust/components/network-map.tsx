// The network map: members as dots, ties as lines, coloured by street or by the communities the
// engine found. The layout is computed once (ForceAtlas2, a fixed number of steps, no
// animation) and drawn by sigma.js. The canvas is a picture; the tables below it say the same
// thing in words, and are what a screen reader reads.
import { useEffect, useMemo, useRef, useState } from 'react';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { Radios } from '../../../components/fields.tsx';
import { Notice } from '../../../components/notice.tsx';
import { formatNumber, t } from '../../../i18n/index.ts';
import type { Network } from '../../../../common/trust.ts';
import { GROUP_COLOURS, OTHER_COLOUR } from './palette.ts';

type ColourBy = 'area' | 'community';
type Group = { key: string; label: string; colour: string; members: number; within: number; across: number };

/** A number from a string, the same on every load, to place nodes before the layout runs. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** The groups of one colouring, largest first, with their colours and tie counts. */
function groupsOf(network: Network, by: ColourBy): { groupOf: Map<string, string>; groups: Group[] } {
  const groupOf = new Map<string, string>();
  for (const node of network.nodes) {
    const key = by === 'area' ? node.area ?? '' : node.community < 0 ? '' : String(node.community);
    groupOf.set(node.id, key);
  }
  const counts = new Map<string, Group>();
  for (const node of network.nodes) {
    const key = groupOf.get(node.id)!;
    if (!counts.has(key)) {
      const label = key === '' ? (by === 'area' ? t('trust.map.noArea') : t('trust.map.noGroup')) : by === 'area' ? key : t('trust.map.groupName', { number: Number(key) + 1 });
      counts.set(key, { key, label, colour: OTHER_COLOUR, members: 0, within: 0, across: 0 });
    }
    counts.get(key)!.members++;
  }
  for (const edge of network.edges) {
    const a = counts.get(groupOf.get(edge.source)!)!;
    const b = counts.get(groupOf.get(edge.target)!)!;
    if (a === b) a.within++;
    else {
      a.across++;
      b.across++;
    }
  }
  const groups = [...counts.values()].sort((x, y) => (x.key === '' ? 1 : y.key === '' ? -1 : y.members - x.members || x.label.localeCompare(y.label)));
  groups.forEach((g, i) => {
    g.colour = g.key === '' || i >= GROUP_COLOURS.length ? OTHER_COLOUR : GROUP_COLOURS[i];
  });
  return { groupOf, groups };
}

/** The coordinators' map of who is tied to whom, with a table summary as its text alternative. */
export function NetworkMap({ network }: { network: Network }) {
  const [by, setBy] = useState<ColourBy>('area');
  const [failed, setFailed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { groupOf, groups } = useMemo(() => groupsOf(network, by), [network, by]);

  // Lay the graph out once per network; colours are applied separately.
  const graph = useMemo(() => {
    const g = new Graph({ type: 'undirected' });
    for (const node of network.nodes) {
      const angle = 2 * Math.PI * hash(node.id);
      const radius = 10 + 90 * hash(`${node.id}:r`);
      g.addNode(node.id, { label: node.label, x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
    for (const edge of network.edges) g.addEdge(edge.source, edge.target, { size: edge.strength * 0.7, weight: edge.strength, color: '#b8bdbf' });
    // A dot's size is its number of lines on this map (the server's degree counts the same
    // visible ties), never ties to people who are not shown.
    g.forEachNode((id) => g.setNodeAttribute(id, 'size', 3 + Math.sqrt(g.degree(id)) * 1.6));
    if (g.order > 1) forceAtlas2.assign(g, { iterations: 300, getEdgeWeight: 'weight', settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: g.order > 500 } });
    return g;
  }, [network]);

  useEffect(() => {
    const colourOf = new Map(groups.map((x) => [x.key, x.colour]));
    graph.forEachNode((id) => graph.setNodeAttribute(id, 'color', colourOf.get(groupOf.get(id) ?? '') ?? OTHER_COLOUR));
  }, [graph, groups, groupOf]);

  useEffect(() => {
    if (!box.current) return;
    let renderer: Sigma | undefined;
    try {
      renderer = new Sigma(graph, box.current, { settings: { renderEdgeLabels: false, labelRenderedSizeThreshold: 9, hideEdgesOnMove: true } });
      setFailed(false);
    } catch {
      // No WebGL in this browser: the tables below still tell the story.
      setFailed(true);
    }
    return () => renderer?.kill();
  }, [graph, groups]);

  return (
    <section className="trust-map" aria-labelledby="trust-map-title">
      <h2 id="trust-map-title">{t('trust.map.title')}</h2>
      <p>{t('trust.map.lead', { members: formatNumber(network.nodes.length), ties: formatNumber(network.edges.length) })}</p>
      {network.hiddenMembers > 0 ? <p className="text-small text-muted">{t('trust.map.hidden', { count: network.hiddenMembers })}</p> : null}
      <Radios
        name="trust-colour-by"
        legend={t('trust.map.colourBy')}
        value={by}
        onChange={(value) => setBy(value as ColourBy)}
        options={[{ value: 'area', label: t('trust.map.byArea') }, { value: 'community', label: t('trust.map.byCommunity') }]}
      />
      {failed ? (
        <Notice tone="info"><p>{t('trust.map.noCanvas')}</p></Notice>
      ) : (
        <div ref={box} className="trust-map__canvas" role="img" aria-label={t('trust.map.canvasLabel', { members: network.nodes.length, ties: network.edges.length, groups: groups.length })} data-testid="network-map" />
      )}
      <ul className="trust-legend" aria-label={t('trust.map.legend')}>
        {groups.slice(0, GROUP_COLOURS.length + 1).map((g) => (
          <li key={g.key}>
            <span className="trust-legend__swatch" style={{ background: g.colour }} aria-hidden="true" />
            {g.label}
          </li>
        ))}
      </ul>
      <div className="trust-table-wrap">
        <table className="trust-table">
          <caption>{by === 'area' ? t('trust.map.tableByArea') : t('trust.map.tableByCommunity')}</caption>
          <thead>
            <tr>
              <th scope="col">{by === 'area' ? t('trust.map.area') : t('trust.map.group')}</th>
              <th scope="col">{t('trust.map.members')}</th>
              <th scope="col">{t('trust.map.within')}</th>
              <th scope="col">{t('trust.map.across')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td>{formatNumber(g.members)}</td>
                <td>{formatNumber(g.within)}</td>
                <td>{formatNumber(g.across)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
