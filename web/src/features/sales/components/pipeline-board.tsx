// The pipeline board: a column per stage (the open ones, then won and lost), each
// opportunity a card. A card moves by dragging it (a pointer), by the keyboard — focus
// the card, space or enter picks it up, the left and right arrows carry it from column
// to column, space or enter drops it, escape cancels; every step is announced to screen
// readers — or by its "Move to" menu. Won and lost cards stay where they are. What a
// move does (a command, or a confirmation first for won and lost) is the caller's.

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { Badge, Box, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';

import { Money } from '@/components/ui/money';
import type { OpportunityStage } from '@/gql/graphql';

import type { OpportunityRow } from '../api/get-opportunities';
import type { PipelineSliceRow } from '../api/get-pipeline';
import type { StageInfo } from './pipeline-stages';

export interface PipelineBoardProps {
  /** The columns, in order. */
  stages: readonly StageInfo[];
  opportunities: readonly OpportunityRow[];
  /** The server's figures per stage (`pipeline.byStage`), by stage. */
  totals?: ReadonlyMap<string, PipelineSliceRow>;
  /** Stages with more opportunities than the board shows. */
  truncated?: ReadonlySet<OpportunityStage>;
  /** Opportunities on their way to another stage (sent, not yet read back). */
  pending?: ReadonlyMap<string, OpportunityStage>;
  /** Whether the caller may move opportunities (`sales.opportunities.write`). */
  canMove: boolean;
  onMove: (opportunity: OpportunityRow, to: OpportunityStage) => void;
}

interface CardData {
  opportunity: OpportunityRow;
  from: OpportunityStage;
}

export const BOARD_INSTRUCTIONS =
  'To move an opportunity, focus its card and press space or enter to pick it up, the left and right arrow keys to carry it to another stage, and space or enter to drop it there; escape cancels. Or use the card’s Move to menu.';

/** The arrows carry a picked-up card to the next column left or right (up and down do nothing). */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context: { collisionRect, droppableRects, droppableContainers, over } }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  if (!collisionRect) return undefined;
  const columns = droppableContainers
    .getEnabled()
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  let current = columns.findIndex((c) => c.id === over?.id);
  if (current < 0) current = columns.findIndex((c) => centre >= c.rect.left && centre <= c.rect.left + c.rect.width);
  const next = columns[current < 0 ? 0 : current + (event.code === 'ArrowRight' ? 1 : -1)];
  if (!next) return undefined;
  return { x: next.rect.left + Math.max(0, (next.rect.width - collisionRect.width) / 2), y: next.rect.top + 8 };
};

/** Over the column under the pointer; for the keyboard, the column the card overlaps most. */
const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : rectIntersection(args);
};

export function PipelineBoard({ stages, opportunities, totals, truncated, pending, canMove, onMove }: PipelineBoardProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );
  const labelOf = (stage: UniqueIdentifier | undefined) => stages.find((s) => s.stage === stage)?.label ?? String(stage);
  const dataOf = (active: Active) => active.data.current as CardData | undefined;
  const nameOf = (active: Active) => `Opportunity ${dataOf(active)?.opportunity.name ?? ''}`;
  // Over its own column as it is picked up: said once it has left, not over "picked up".
  const left = useRef(false);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      left.current = false;
      return `Picked up ${nameOf(active)} in ${labelOf(dataOf(active)?.from)}.`;
    },
    onDragOver: ({ active, over }) => {
      if (!left.current && over?.id === dataOf(active)?.from) return undefined;
      left.current = true;
      return over ? `${nameOf(active)} is over ${labelOf(over.id)}.` : `${nameOf(active)} is over no stage.`;
    },
    onDragEnd: ({ active, over }) => {
      const from = dataOf(active)?.from;
      if (!over || over.id === from) return `${nameOf(active)} stays in ${labelOf(from)}.`;
      if (over.id === 'WON' || over.id === 'LOST') return `${nameOf(active)} dropped on ${labelOf(over.id)}: confirm to close it.`;
      return `${nameOf(active)} dropped on ${labelOf(over.id)}.`;
    },
    onDragCancel: ({ active }) => `Moving ${nameOf(active)} was cancelled; it stays in ${labelOf(dataOf(active)?.from)}.`,
  };
  // Focus follows a moved card into the column it goes to (it is drawn anew there).
  const [follow, setFollow] = useState<string | null>(null);
  const move = (opportunity: OpportunityRow, to: OpportunityStage) => {
    setFollow(opportunity.id);
    onMove(opportunity, to);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const data = dataOf(active);
    if (!data || !over || over.id === data.from) return;
    move(data.opportunity, over.id as OpportunityStage);
  };

  // Each opportunity once, in the column it is in — or going to, while a move is pending.
  const seen = new Set<string>();
  const byStage = new Map<OpportunityStage, { opportunity: OpportunityRow; saving: boolean }[]>();
  for (const opportunity of opportunities) {
    if (seen.has(opportunity.id)) continue;
    seen.add(opportunity.id);
    const target = pending?.get(opportunity.id);
    const stage = target ?? opportunity.stage;
    byStage.set(stage, [...(byStage.get(stage) ?? []), { opportunity, saving: target !== undefined }]);
  }

  return (
    <DndContext sensors={sensors} collisionDetection={collision} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: BOARD_INSTRUCTIONS } }}>
      <Box style={{ overflowX: 'auto' }}>
        <Box style={{ display: 'grid', gridTemplateColumns: `repeat(${stages.length}, minmax(170px, 1fr))`, gap: 'var(--mantine-spacing-xs)', minWidth: stages.length * 180 }}>
          {stages.map((stage, index) => (
            <Column
              key={stage.stage}
              index={index}
              stage={stage}
              cards={byStage.get(stage.stage) ?? []}
              total={totals?.get(stage.stage)}
              truncated={truncated?.has(stage.stage) ?? false}
              stages={stages}
              canMove={canMove}
              follow={follow}
              onMove={move}
            />
          ))}
        </Box>
      </Box>
    </DndContext>
  );
}

function Column({
  index,
  stage,
  cards,
  total,
  truncated,
  stages,
  canMove,
  follow,
  onMove,
}: {
  index: number;
  stage: StageInfo;
  cards: { opportunity: OpportunityRow; saving: boolean }[];
  total: PipelineSliceRow | undefined;
  truncated: boolean;
  stages: readonly StageInfo[];
  canMove: boolean;
  follow: string | null;
  onMove: (opportunity: OpportunityRow, to: OpportunityStage) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.stage, disabled: !canMove });
  const headingId = useId();
  const count = total?.opportunities ?? cards.length;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      ref={setNodeRef}
      data-stage-index={index}
      withBorder
      p="xs"
      radius="md"
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
      style={{ minHeight: 240 }}
    >
      <Stack gap="xs">
        <Stack gap={2}>
          <Title order={3} size="h5" id={headingId}>
            {stage.label}{' '}
            <Badge component="span" variant="light" color={stage.stage === 'WON' ? 'green' : stage.stage === 'LOST' ? 'red' : 'blue'}>
              {stage.probability}%
            </Badge>
          </Title>
          <Text size="xs" c="dimmed">
            {count} {count === 1 ? 'opportunity' : 'opportunities'}
            {total ? (
              <>
                {' · '}
                <Money amount={total.value} />
              </>
            ) : null}
          </Text>
        </Stack>
        {cards.map(({ opportunity, saving }) => (
          <Card key={opportunity.id} opportunity={opportunity} column={stage.stage} saving={saving} stages={stages} canMove={canMove} follow={follow === opportunity.id} onMove={onMove} />
        ))}
        {truncated ? (
          <Text size="xs" c="dimmed">
            Only the latest 100 are shown.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Card({
  opportunity,
  column,
  saving,
  stages,
  canMove,
  follow,
  onMove,
}: {
  opportunity: OpportunityRow;
  column: OpportunityStage;
  saving: boolean;
  stages: readonly StageInfo[];
  canMove: boolean;
  /** The card just moved: focus it where it lands, when focus was lost on the way. */
  follow: boolean;
  onMove: (opportunity: OpportunityRow, to: OpportunityStage) => void;
}) {
  const open = stages.find((s) => s.stage === opportunity.stage)?.open ?? false;
  const movable = canMove && open && !saving;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: opportunity.id,
    data: { opportunity, from: opportunity.stage } satisfies CardData,
    disabled: !movable,
    attributes: { role: 'article', roleDescription: 'draggable opportunity' },
  });
  // `aria-pressed` belongs to buttons; the card is an article that can be picked up.
  const cardAttributes = { ...attributes, 'aria-pressed': undefined };
  // The card is its own handle: space or enter on the card picks it up, not on its menu.
  const node = useRef<HTMLElement | null>(null);
  const ref = (element: HTMLElement | null) => {
    node.current = element;
    setNodeRef(element);
    setActivatorNodeRef(element);
  };
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (follow && lost) node.current?.focus();
  }, [follow, column, saving]);
  const name = `Opportunity ${opportunity.name}`;
  const labelOf = (stage: OpportunityStage) => stages.find((s) => s.stage === stage)?.label ?? stage;
  const elsewhere = stages.filter((s) => s.open && s.stage !== opportunity.stage);
  return (
    <Paper
      component="article"
      ref={ref}
      {...(movable ? cardAttributes : {})}
      {...(movable ? listeners : {})}
      aria-label={name}
      aria-busy={saving || undefined}
      shadow={isDragging ? 'md' : 'xs'}
      p="xs"
      radius="sm"
      withBorder
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        position: 'relative',
        zIndex: isDragging ? 10 : undefined,
        cursor: movable ? 'grab' : undefined,
        opacity: saving ? 0.7 : 1,
        touchAction: 'manipulation',
      }}
    >
      <Stack gap={4}>
        <Text fw={600} size="sm" lh={1.3}>
          {opportunity.name}
        </Text>
        <Text size="xs" c="dimmed">
          Owner: {opportunity.owner}
        </Text>
        <Text size="sm">{opportunity.estimatedValue ? <Money amount={opportunity.estimatedValue} /> : 'No estimate'}</Text>
        <Text size="xs">Probability {opportunity.probability}%</Text>
        <Text size="xs">Expected close {opportunity.expectedClose ?? 'not set'}</Text>
        {opportunity.stage === 'LOST' && opportunity.lostReason ? (
          <Text size="xs" c="dimmed">
            Lost: {opportunity.lostReason}
            {opportunity.competitor ? ` (to ${opportunity.competitor})` : ''}
          </Text>
        ) : null}
        {saving ? (
          <Text size="xs" c="blue" role="status">
            Moving to {labelOf(column)}…
          </Text>
        ) : null}
        {movable ? (
          <Group justify="flex-end">
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-xs" variant="subtle" aria-label={`Move ${name}`}>
                  Move to…
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Move to</Menu.Label>
                {elsewhere.map((s) => (
                  <Menu.Item key={s.stage} onClick={() => onMove(opportunity, s.stage)}>
                    {s.label} ({s.probability}%)
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item color="green" onClick={() => onMove(opportunity, 'WON')}>
                  {labelOf('WON')}…
                </Menu.Item>
                <Menu.Item color="red" onClick={() => onMove(opportunity, 'LOST')}>
                  {labelOf('LOST')}…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
