import "server-only";
export { addToBoard, createBoard, deleteBoard, getBoard, listBoards, removeFromBoard, updateBoard } from "./boards";
